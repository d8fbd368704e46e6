import { useState } from 'react';
import type { PatientRecord, PatientSummary } from '../../../common/domain/patients';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateOfBirth, patientName } from './patient-format';
import { PatientSearchBox } from './patient-search-box';

export interface MergePatientPanelProps {
  /** The record on screen: it survives; the chosen duplicate is merged into it. */
  survivor: PatientRecord;
  onMerged: (survivor: PatientRecord) => void;
  onClose: () => void;
}

/**
 * Administrators only. Pick the duplicate, read what will happen, confirm. Everything the
 * duplicate owns moves to this record in one step; the duplicate becomes inactive and points here.
 */
export function MergePatientPanel({ survivor, onMerged, onClose }: MergePatientPanelProps) {
  const client = useClient();
  const [duplicate, setDuplicate] = useState<PatientRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (p: PatientSummary) => {
    setError(null);
    const result = await client.api.patients.get({ id: p.id });
    if (result.ok) setDuplicate(result.value);
    else setError(result.error.message);
  };

  const merge = async () => {
    if (!duplicate || busy) return;
    setBusy(true);
    const result = await client.api.patients.merge({
      survivorId: survivor.id,
      mergedId: duplicate.id,
      expectedVersions: { survivor: survivor.version, merged: duplicate.version },
    });
    setBusy(false);
    if (result.ok) onMerged(result.value);
    else setError(result.error.message);
  };

  return (
    <section className="card edit-panel" aria-labelledby="merge-title">
      <div className="edit-panel__header">
        <h2 id="merge-title">Merge a duplicate into {survivor.mrn}</h2>
        <Button variant="quiet" onClick={onClose}>
          Close
        </Button>
      </div>
      <ErrorBanner error={error} />
      {duplicate ? (
        <>
          <p>
            Merge <strong>{patientName(duplicate)}</strong> ({duplicate.mrn}, born {formatDateOfBirth(duplicate.dateOfBirth)}) into{' '}
            <strong>{patientName(survivor)}</strong> ({survivor.mrn}, born {formatDateOfBirth(survivor.dateOfBirth)})?
          </p>
          <p className="callout">
            Appointments, encounters, observations, orders, care plans, identifiers and contacts of {duplicate.mrn} move to {survivor.mrn}.{' '}
            {duplicate.mrn} becomes inactive and points to {survivor.mrn}. This cannot be undone from the workstation.
          </p>
          <div className="form__actions">
            <Button variant="danger" busy={busy} onClick={() => void merge()} autoFocus>
              Merge {duplicate.mrn} into {survivor.mrn}
            </Button>
            <Button variant="secondary" onClick={() => setDuplicate(null)}>
              Choose another
            </Button>
          </div>
        </>
      ) : (
        <PatientSearchBox label="Find the duplicate record" excludeIds={[survivor.id]} onChoose={(p) => void choose(p)} autoFocus />
      )}
    </section>
  );
}
