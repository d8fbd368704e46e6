import { useState } from 'react';
import { DEMOGRAPHIC_FIELDS, type PatientDemographics, type PatientRecord } from '../../../common/domain/patients';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { useFormSubmit } from '../../ui/use-form-submit';
import { formValuesOf, PatientFormFields, type PatientFormValues } from './patient-form-fields';

export interface EditPatientFormProps {
  /** The record as it was when editing began: its version guards against overwriting others' changes. */
  record: PatientRecord;
  onSaved: (record: PatientRecord) => void;
  onCancel: () => void;
}

/** Sends only the fields the user changed; main writes one history entry per changed field. */
export function EditPatientForm({ record, onSaved, onCancel }: EditPatientFormProps) {
  const client = useClient();
  const form = useFormSubmit();
  const initial = formValuesOf(record);
  const [values, setValues] = useState<PatientFormValues>(initial);

  const submit = async () => {
    const changes: Partial<PatientDemographics> = {};
    for (const field of DEMOGRAPHIC_FIELDS) {
      if (values[field] !== initial[field]) (changes as Record<string, string>)[field] = values[field];
    }
    if (Object.keys(changes).length === 0) return onCancel();
    const input = { id: record.id, expectedVersion: record.version, changes };
    const problem = checkInput('patients.update', input);
    if (problem) return form.fail(problem);
    const saved = await form.run(() => client.api.patients.update(input));
    if (saved) onSaved(saved);
  };

  return (
    <Form
      title="Edit patient details"
      form={form}
      onSubmit={() => void submit()}
      className="card patient-form"
      intro={
        form.error?.code === 'CONFLICT' && !form.error.field ? (
          <p>Someone changed this record meanwhile. Cancel and open it again to see the latest details.</p>
        ) : null
      }
    >
      <PatientFormFields values={values} onChange={setValues} form={form} fieldPrefix="changes." autoFocus />
      <FormActions form={form} submitLabel="Save changes" onCancel={onCancel} />
    </Form>
  );
}
