import { useState } from 'react';
import { ALLERGY_CATEGORIES, ALLERGY_SEVERITIES, type Allergy } from '../../../common/domain/allergies';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Form, FormActions } from '../../ui/form';
import { LoadingMessage } from '../../ui/loading-message';
import { SelectField } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { ALLERGY_STATUS_LABELS, SEVERITY_LABELS } from './order-labels';

const CATEGORY_OPTIONS = ALLERGY_CATEGORIES.map((c) => ({ value: c, label: c === 'drug' ? 'Drug' : 'Other substance' }));
const SEVERITY_OPTIONS = ALLERGY_SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));

export interface AllergiesPanelProps {
  patientId: string;
  allergies: readonly Allergy[] | null;
  error: ApiError | null;
  reload: () => void;
  canWrite: boolean;
}

/** The patient's allergies (active and, greyed, the others) and a form to record one. */
export function AllergiesPanel({ patientId, allergies, error, reload, canWrite }: AllergiesPanelProps) {
  const client = useClient();
  const [adding, setAdding] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const setStatus = async (a: Allergy, status: Allergy['status']) => {
    const result = await client.api.allergies.update({ id: a.id, expectedVersion: a.version, status });
    setActionError(result.ok ? null : result.error);
    reload();
  };

  const columns: Column<Allergy>[] = [
    { header: 'Allergen', rowHeader: true, cell: (a) => (a.code ? `${a.allergen} (${a.code})` : a.allergen) },
    { header: 'Reaction', cell: (a) => a.reaction ?? <span className="muted">—</span> },
    { header: 'Severity', cell: (a) => <span className={`badge ${a.severity === 'severe' ? 'badge--danger' : 'badge--muted'}`}>{SEVERITY_LABELS[a.severity]}</span> },
    { header: 'Status', cell: (a) => ALLERGY_STATUS_LABELS[a.status] },
    {
      header: 'Actions',
      cell: (a) =>
        canWrite && a.status === 'active' ? (
          <div className="row-actions">
            <Button variant="quiet" onClick={() => void setStatus(a, 'inactive')} aria-label={`Mark ${a.allergen} inactive`}>
              Inactive
            </Button>
            <Button variant="quiet" onClick={() => void setStatus(a, 'entered-in-error')} aria-label={`Mark ${a.allergen} entered in error`}>
              Entered in error
            </Button>
          </div>
        ) : null,
    },
  ];

  return (
    <section className="card encounter-panel" aria-labelledby="allergies-title">
      <div className="encounter-panel__header">
        <h2 id="allergies-title">Allergies</h2>
        {canWrite && !adding ? <Button onClick={() => setAdding(true)}>Add allergy</Button> : null}
      </div>
      {error ? <ErrorBanner error={error} onRetry={reload} /> : null}
      <ErrorBanner error={actionError} />
      {!allergies && !error ? <LoadingMessage /> : null}
      {allergies ? (
        <DataTable caption="Allergies" captionHidden columns={columns} rows={allergies} rowKey={(a) => a.id} emptyMessage="No known allergies recorded." />
      ) : null}
      {adding ? (
        <AllergyForm
          patientId={patientId}
          onDone={() => {
            setAdding(false);
            reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
    </section>
  );
}

function AllergyForm({ patientId, onDone, onCancel }: { patientId: string; onDone: () => void; onCancel: () => void }) {
  const client = useClient();
  const form = useFormSubmit();
  const [allergen, setAllergen] = useState('');
  const [code, setCode] = useState('');
  const [category, setCategory] = useState<(typeof ALLERGY_CATEGORIES)[number]>('drug');
  const [reaction, setReaction] = useState('');
  const [severity, setSeverity] = useState<(typeof ALLERGY_SEVERITIES)[number]>('unknown');

  const submit = async () => {
    const saved = await form.run(() => client.api.allergies.record({ patientId, allergen, code, category, reaction, severity, ...(code.trim() ? { codeSystem: 'rxnorm' as const } : {}) }));
    if (saved) onDone();
  };

  return (
    <Form title="Record an allergy" titleLevel={3} form={form} onSubmit={() => void submit()} className="clinical-form">
      <div className="clinical-form__grid">
        <TextField label="Allergen" {...form.field('allergen')} value={allergen} onChange={setAllergen} maxLength={120} required autoFocus />
        <TextField label="Code (RxNorm, optional)" {...form.field('code')} value={code} onChange={setCode} maxLength={40} />
        <SelectField label="Kind" name="category" value={category} options={CATEGORY_OPTIONS} onChange={setCategory} />
        <TextField label="Reaction" {...form.field('reaction')} value={reaction} onChange={setReaction} maxLength={200} />
        <SelectField label="Severity" name="severity" value={severity} options={SEVERITY_OPTIONS} onChange={setSeverity} />
      </div>
      <FormActions form={form} submitLabel="Record allergy" onCancel={onCancel} />
    </Form>
  );
}
