import { useState, type FormEvent } from 'react';
import { MEDICATION_STATUS_LABELS, medicationSig, type MedicationStatement } from '../../../common/domain/problems';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { InputField } from '../../ui/input-field';
import { LoadingMessage } from '../../ui/loading-message';

const EMPTY = { drug: '', dose: '', unit: '', route: '', frequency: '', startedOn: '' };

/** What the patient takes: add a medication, stop one. Not orders (those are prescriptions written here). */
export function MedicationsPanel({ patientId, encounterId, canWrite }: { patientId: string; encounterId: string; canWrite: boolean }) {
  const client = useClient();
  const medications = useApiQuery(() => client.api.medications.list({ patientId }), [client, patientId]);
  const [draft, setDraft] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await client.api.medications.record({ patientId, encounterId, ...draft });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setDraft(EMPTY);
    medications.reload();
  };

  const stop = async (m: MedicationStatement) => {
    const result = await client.api.medications.update({ id: m.id, expectedVersion: m.version, status: 'stopped' });
    setError(result.ok ? null : result.error);
    medications.reload();
  };

  const columns: Column<MedicationStatement>[] = [
    { header: 'Drug', rowHeader: true, cell: (m) => m.drug },
    { header: 'Dose and use', cell: (m) => medicationSig(m) || '—' },
    { header: 'Started', cell: (m) => m.startedOn ?? '—' },
    { header: 'Status', cell: (m) => `${MEDICATION_STATUS_LABELS[m.status]}${m.stoppedOn ? ` ${m.stoppedOn}` : ''}` },
    {
      header: 'Actions',
      cell: (m) =>
        canWrite && m.status === 'active' ? (
          <Button variant="quiet" onClick={() => void stop(m)} aria-label={`Stop ${m.drug}`}>
            Stop
          </Button>
        ) : null,
    },
  ];

  return (
    <section className="card encounter-panel" aria-labelledby="medications-title">
      <h2 id="medications-title">Current medications</h2>
      <ErrorBanner error={error} />
      {medications.error ? <ErrorBanner error={medications.error} onRetry={medications.reload} /> : null}
      {!medications.data && !medications.error ? <LoadingMessage /> : null}
      {medications.data ? (
        <DataTable caption="Current medications" captionHidden columns={columns} rows={medications.data} rowKey={(m) => m.id} emptyMessage="No medications recorded." />
      ) : null}
      {canWrite ? (
        <form className="care-form" aria-label="Add a medication" onSubmit={(e) => void add(e)} noValidate>
          <InputField label="Drug" name="drug" type="text" value={draft.drug} onChange={set('drug')} required maxLength={200} />
          <InputField label="Dose" name="dose" type="text" value={draft.dose} onChange={set('dose')} maxLength={40} />
          <InputField label="Unit" name="unit" type="text" value={draft.unit} onChange={set('unit')} maxLength={40} />
          <InputField label="Route" name="route" type="text" value={draft.route} onChange={set('route')} maxLength={60} />
          <InputField label="Frequency" name="frequency" type="text" value={draft.frequency} onChange={set('frequency')} maxLength={100} />
          <InputField label="Started" name="startedOn" type="date" value={draft.startedOn} onChange={set('startedOn')} />
          <Button type="submit" variant="primary" busy={busy}>
            Add medication
          </Button>
        </form>
      ) : null}
    </section>
  );
}
