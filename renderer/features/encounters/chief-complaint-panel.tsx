import { useEffect, useId, useState } from 'react';
import { CHIEF_COMPLAINT_MAX, SYMPTOM_SEVERITIES, type EncounterComplaint, type Symptom, type SymptomSeverity } from '../../../common/domain/clinical-notes';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Form, FormActions } from '../../ui/form';
import { LoadingMessage } from '../../ui/loading-message';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';

const SEVERITY_LABELS: Readonly<Record<SymptomSeverity, string>> = { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' };
const NEW_SYMPTOM: Symptom = { name: '', onset: '', severity: 'mild', duration: '' };

/** Why the patient came: the chief complaint and each symptom with its onset, severity and duration. */
export function ChiefComplaintPanel({ encounterId, canEdit }: { encounterId: string; canEdit: boolean }) {
  const client = useClient();
  const complaint = useApiQuery(() => client.api.encounters.complaint({ encounterId }), [client, encounterId]);
  const titleId = useId();
  return (
    <section className="card encounter-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Chief complaint</h2>
      {complaint.error ? <ErrorBanner error={complaint.error} onRetry={complaint.reload} /> : null}
      {!complaint.data && !complaint.error ? <LoadingMessage /> : null}
      {complaint.data ? canEdit ? <ComplaintForm saved={complaint.data} onSaved={complaint.reload} /> : <ComplaintView complaint={complaint.data} /> : null}
    </section>
  );
}

function ComplaintView({ complaint }: { complaint: EncounterComplaint }) {
  return (
    <>
      <p>{complaint.chiefComplaint ?? <span className="muted">None recorded.</span>}</p>
      {complaint.symptoms.length > 0 ? (
        <ul className="symptom-list" aria-label="Symptoms">
          {complaint.symptoms.map((s, i) => (
            <li key={i}>
              <strong>{s.name}</strong> · {SEVERITY_LABELS[s.severity]}
              {s.onset ? ` · since ${s.onset}` : ''}
              {s.duration ? ` · ${s.duration}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function ComplaintForm({ saved, onSaved }: { saved: EncounterComplaint; onSaved: () => void }) {
  const client = useClient();
  const form = useFormSubmit();
  const [chiefComplaint, setChiefComplaint] = useState(saved.chiefComplaint ?? '');
  const [symptoms, setSymptoms] = useState<Symptom[]>(saved.symptoms);
  const [message, setMessage] = useState<string | null>(null);
  const idPrefix = useId();

  useEffect(() => {
    setChiefComplaint(saved.chiefComplaint ?? '');
    setSymptoms(saved.symptoms);
  }, [saved]);

  const change = (i: number, patch: Partial<Symptom>) => setSymptoms((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const submit = async () => {
    setMessage(null);
    const input = { encounterId: saved.encounterId, chiefComplaint, symptoms };
    const local = checkInput('encounters.saveComplaint', input);
    if (local) return form.fail(local);
    const result = await form.run(() => client.api.encounters.saveComplaint(input));
    if (result) {
      setMessage('Complaint saved.');
      onSaved();
    }
  };

  return (
    <Form title="Complaint and symptoms" titleLevel={3} form={form} onSubmit={() => void submit()}>
      <TextField label="Chief complaint" value={chiefComplaint} onChange={setChiefComplaint} maxLength={CHIEF_COMPLAINT_MAX} {...form.field('chiefComplaint')} />
      <fieldset className="fieldset">
        <legend>Symptoms</legend>
        {symptoms.length === 0 ? <p className="muted">No symptoms recorded.</p> : null}
        {symptoms.map((s, i) => (
          <div key={i} className="symptom-row" role="group" aria-label={`Symptom ${i + 1}`}>
            <TextField label="Symptom" value={s.name} onChange={(name) => change(i, { name })} maxLength={100} {...form.field(`symptoms.${i}.name`)} />
            <div className="field">
              <label className="field__label" htmlFor={`${idPrefix}-severity-${i}`}>
                Severity
              </label>
              <select
                id={`${idPrefix}-severity-${i}`}
                name={`symptoms.${i}.severity`}
                className="field__input field__select"
                value={s.severity}
                onChange={(e) => change(i, { severity: e.target.value as SymptomSeverity })}
              >
                {SYMPTOM_SEVERITIES.map((v) => (
                  <option key={v} value={v}>
                    {SEVERITY_LABELS[v]}
                  </option>
                ))}
              </select>
            </div>
            <TextField label="Onset" value={s.onset} onChange={(onset) => change(i, { onset })} maxLength={60} {...form.field(`symptoms.${i}.onset`)} />
            <TextField label="Duration" value={s.duration} onChange={(duration) => change(i, { duration })} maxLength={60} {...form.field(`symptoms.${i}.duration`)} />
            <Button variant="quiet" aria-label={`Remove symptom ${i + 1}`} onClick={() => setSymptoms((list) => list.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </div>
        ))}
        <Button onClick={() => setSymptoms((list) => [...list, NEW_SYMPTOM])}>Add symptom</Button>
      </fieldset>
      <FormActions form={form} submitLabel="Save complaint" />
      {message ? (
        <p className="muted" role="status">
          {message}
        </p>
      ) : null}
    </Form>
  );
}
