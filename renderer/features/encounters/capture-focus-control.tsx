import { useState } from 'react';
import type { OpenEncounter } from '../../../common/domain/captures';
import type { Location } from '../../../common/domain/clinic';
import type { ApiError, Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';
import { SelectField } from '../../ui/select-field';

const NONE = '';

export interface CaptureFocusControlProps {
  encounter: OpenEncounter;
  locations: readonly Location[];
  placeName: (id: string | null) => string;
  /** Focus moved; main's encounter now lists different capture locations. */
  onChanged: (message: string) => void;
  onError: (error: ApiError | null) => void;
}

function failed<T>(): Result<T> {
  return { ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } };
}

/**
 * Borrow the devices of another room or workstation for this encounter (a pulse oximeter on a
 * cart, the triage scale), and give them back. The encounter's own room always captures here.
 */
export function CaptureFocusControl({ encounter, locations, placeName, onChanged, onError }: CaptureFocusControlProps) {
  const client = useClient();
  const [choice, setChoice] = useState<string>(NONE);
  const [busy, setBusy] = useState(false);
  const focused = encounter.captureLocationIds.filter((id) => id !== encounter.locationId);
  const choices = locations.filter((l) => (l.kind === 'room' || l.kind === 'workstation') && !encounter.captureLocationIds.includes(l.id));

  const focus = async () => {
    if (busy || !choice) return;
    setBusy(true);
    onError(null);
    const result = await client.api.capture.focus({ encounterId: encounter.id, locationId: choice }).catch(failed<OpenEncounter>);
    setBusy(false);
    if (result.ok) {
      onChanged(`Readings from the devices at ${placeName(choice)} now come into this encounter.`);
      setChoice(NONE);
    } else {
      onError(result.error);
    }
  };

  const release = async (locationId: string) => {
    if (busy) return;
    setBusy(true);
    onError(null);
    const result = await client.api.capture.release({ locationId }).catch(failed<{ released: boolean }>);
    setBusy(false);
    if (result.ok) onChanged(`Stopped capturing from the devices at ${placeName(locationId)}.`);
    else onError(result.error);
  };

  return (
    <div className="capture-focus">
      {focused.length > 0 ? (
        <ul className="capture-focus__list" aria-label="Also capturing from">
          {focused.map((id) => (
            <li key={id}>
              Also capturing from <strong>{placeName(id)}</strong>{' '}
              <Button variant="quiet" aria-disabled={busy || undefined} onClick={() => void release(id)}>
                Stop capturing from {placeName(id)}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {choices.length > 0 ? (
        <div className="capture-focus__form">
          <SelectField
            label="Capture from devices at"
            name="capture-location"
            value={choice}
            options={[{ value: NONE, label: 'Choose a room or workstation' }, ...choices.map((l) => ({ value: l.id, label: `${l.name} (${l.kind === 'room' ? 'room' : 'workstation'})` }))]}
            onChange={setChoice}
          />
          <Button variant="secondary" busy={busy} aria-disabled={!choice || undefined} onClick={() => void focus()}>
            Capture here
          </Button>
        </div>
      ) : null}
    </div>
  );
}
