import { useId, useRef, useState } from 'react';
import type { CapturedReading, OpenEncounter } from '../../../common/domain/captures';
import type { PatientLink } from '../../../common/domain/patients';
import type { ApiError, Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { TextField } from '../../ui/text-field';
import { patientName } from '../patients/patient-format';
import { invalidMessage, measurementKey, measurementName } from './encounter-format';
import { PendingReadingRow, type ReadingDecisions } from './pending-reading-row';
import type { PendingReadings } from './use-pending-readings';

/** The contract's limit on readings per decision. */
const MAX_PER_DECISION = 200;

export interface LiveReadingsPanelProps {
  encounter: OpenEncounter;
  pending: PendingReadings;
  canCapture: boolean;
  /** Told after readings were charted, so the vitals list reloads. */
  onCharted: () => void;
}

interface DeviceGroup {
  deviceId: string;
  deviceName: string;
  readings: CapturedReading[];
}

/** Readings by device; within a device, by measurement (so streaming rows keep their place), newest first. */
function byDevice(readings: readonly CapturedReading[]): DeviceGroup[] {
  const groups = new Map<string, DeviceGroup>();
  for (const reading of readings) {
    const group = groups.get(reading.deviceId) ?? { deviceId: reading.deviceId, deviceName: reading.deviceName, readings: [] };
    group.readings.push(reading);
    groups.set(reading.deviceId, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.deviceName.localeCompare(b.deviceName));
  for (const group of sorted) {
    group.readings.sort((a, b) => measurementName(a).localeCompare(measurementName(b)) || b.observedAt.localeCompare(a.observedAt));
  }
  return sorted;
}

function isNewer(a: CapturedReading, b: CapturedReading): boolean {
  return a.observedAt > b.observedAt || (a.observedAt === b.observedAt && a.journalSeq > b.journalSeq);
}

/** The newest pending reading of each measurement of each device. */
function latestIds(readings: readonly CapturedReading[]): Set<string> {
  const newest = new Map<string, CapturedReading>();
  for (const reading of readings) {
    const key = measurementKey(reading);
    const known = newest.get(key);
    if (!known || isNewer(reading, known)) newest.set(key, reading);
  }
  return new Set([...newest.values()].map((r) => r.id));
}

function describe(reading: CapturedReading): string {
  return `${measurementName(reading)} ${reading.value}${reading.unit ? ` ${reading.unit}` : ''}`;
}

function failed<T>(): Result<T> {
  return { ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } };
}

export function LiveReadingsPanel({ encounter, pending, canCapture, onCharted }: LiveReadingsPanelProps) {
  const client = useClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const readings = pending.readings ?? [];
  const acceptable = readings.filter((r) => r.valid && !r.patientConflict);
  const latest = latestIds(readings);

  /** The decided row leaves the list: keep keyboard focus in the panel rather than on <body>. */
  const keepFocus = () =>
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body) headingRef.current?.focus();
    });

  const decide = async <T,>(ids: string[], call: () => Promise<Result<T>>, done: (value: T) => void) => {
    if (ids.some((id) => busy.has(id))) return;
    setBusy((prev) => new Set([...prev, ...ids]));
    setError(null);
    const result = await call().catch(failed<T>);
    setBusy((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
    if (result.ok) {
      done(result.value);
      keepFocus();
    } else {
      setError(result.error);
    }
  };

  const accept = (chosen: CapturedReading[], patient: PatientLink, inEncounter: boolean, message: string) => {
    const ids = chosen.map((r) => r.id).slice(0, MAX_PER_DECISION);
    if (ids.length === 0) return;
    void decide(
      ids,
      () => client.api.capture.accept({ readingIds: ids, patientId: patient.id, ...(inEncounter ? { encounterId: encounter.id } : {}) }),
      (value) => {
        pending.record(value.accepted);
        setNotice(message);
        onCharted();
      },
    );
  };

  const decisions: ReadingDecisions = {
    accept: (reading, patient, inEncounter) => accept([reading], patient, inEncounter, `Charted ${describe(reading)} to ${patientName(patient)}.`),
    reject: (reading) => {
      // An invalid reading's own flags say why, when the user gives no reason.
      const note = reason.trim() || (reading.valid ? '' : invalidMessage(reading));
      void decide(
        [reading.id],
        () => client.api.capture.reject({ readingIds: [reading.id], reason: note }),
        (value) => {
          pending.record(value.rejected);
          setReason('');
          setNotice(`Rejected ${describe(reading)}.`);
        },
      );
    },
  };

  const acceptAll = () => {
    const count = Math.min(acceptable.length, MAX_PER_DECISION);
    accept(acceptable, encounter.patient, true, `Charted ${count} reading${count === 1 ? '' : 's'} to ${patientName(encounter.patient)}.`);
  };

  return (
    <section className="card encounter-panel" aria-labelledby={headingId}>
      <div className="encounter-panel__header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          Live readings
        </h2>
        {canCapture && readings.length > 0 ? (
          <div className="encounter-panel__actions">
            <span className="muted">{acceptable.length} ready to chart</span>
            <Button variant="primary" aria-disabled={acceptable.length === 0 || busy.size > 0 || undefined} onClick={acceptAll}>
              Accept all valid
            </Button>
          </div>
        ) : null}
      </div>
      {!canCapture ? (
        <p className="muted">Device readings are shown to staff who may accept or reject them.</p>
      ) : (
        <>
          {notice ? <Notice>{notice}</Notice> : null}
          <ErrorBanner error={error} />
          {pending.error ? <ErrorBanner error={pending.error} onRetry={pending.reload} /> : null}
          {pending.readings === null && !pending.error ? <LoadingMessage /> : null}
          {pending.readings !== null && readings.length === 0 ? <p className="muted">No readings are waiting. New readings from the devices here appear as they arrive.</p> : null}
          {readings.length > 0 ? (
            <div className="reading-reason">
              <TextField label="Reason when rejecting (optional)" name="reject-reason" value={reason} onChange={setReason} maxLength={200} />
            </div>
          ) : null}
          {byDevice(readings).map((group) => (
            <DeviceReadings key={group.deviceId} group={group} encounter={encounter} latest={latest} busy={busy} decisions={decisions} />
          ))}
        </>
      )}
    </section>
  );
}

function DeviceReadings({
  group,
  encounter,
  latest,
  busy,
  decisions,
}: {
  group: DeviceGroup;
  encounter: OpenEncounter;
  latest: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  decisions: ReadingDecisions;
}) {
  const headingId = useId();
  return (
    <section className="device-readings" aria-labelledby={headingId} data-device-id={group.deviceId}>
      <h3 id={headingId}>{group.deviceName}</h3>
      <div className="data-table">
        <table className="data-table__table reading-table">
          <caption className="visually-hidden">Pending readings from {group.deviceName}</caption>
          <thead>
            <tr>
              <th scope="col">Measurement</th>
              <th scope="col">Value</th>
              <th scope="col">Observed</th>
              <th scope="col">Flags</th>
              <th scope="col" className="data-table__actions">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {group.readings.map((reading) => (
              <PendingReadingRow key={reading.id} reading={reading} encounter={encounter} latest={latest.has(reading.id)} busy={busy.has(reading.id)} decisions={decisions} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
