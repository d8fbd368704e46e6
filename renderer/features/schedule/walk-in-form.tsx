import { useState } from 'react';
import type { PatientSummary } from '../../../common/domain/patients';
import type { Appointment } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { Form, FormActions } from '../../ui/form';
import { SelectField } from '../../ui/select-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { clinicTime } from './clinic-time';
import { TextAreaField } from '../../ui/textarea-field';
import { providerOptions, typeOptions } from './option-lists';
import { PatientChooser } from './patient-chooser';
import type { ScheduleSetup } from './use-schedule-setup';

const ANY_PROVIDER = '';

/** A patient at the counter without an appointment: the next free slot today, queued at once. */
export function WalkInForm({ setup, onDone }: { setup: ScheduleSetup; onDone: (message: string, appointment: Appointment) => void }) {
  const client = useClient();
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [providerId, setProviderId] = useState(ANY_PROVIDER);
  const [typeId, setTypeId] = useState(setup.types[0]?.id ?? '');
  const [notes, setNotes] = useState('');
  const form = useFormSubmit();

  const submit = async () => {
    if (!patient) return form.fail({ code: 'VALIDATION', message: 'Choose the patient first', field: 'patientId' });
    const input = { patientId: patient.id, typeId, ...(providerId ? { providerId } : {}), ...(notes.trim() ? { notes } : {}) };
    const a = await form.run(() => client.api.schedule.walkIn(input));
    if (a) onDone(`${a.patientName} is in the queue for ${a.providerName} at ${clinicTime(a.startsAt, setup.timeZone)}.`, a);
  };

  return (
    <Form title="Walk-in details" titleLevel={3} form={form} onSubmit={() => void submit()}>
      <PatientChooser patient={patient} onChange={setPatient} autoFocus />
      <SelectField
        label="Provider"
        {...form.field('providerId')}
        value={providerId}
        options={[{ value: ANY_PROVIDER, label: 'Whoever is free first' }, ...providerOptions(setup.providers)]}
        onChange={setProviderId}
      />
      <SelectField label="Appointment type" {...form.field('typeId')} value={typeId} options={typeOptions(setup.types)} onChange={setTypeId} required />
      <TextAreaField label="Notes (optional)" {...form.field('notes')} value={notes} onChange={setNotes} maxLength={1000} />
      <FormActions form={form} submitLabel="Add to queue" />
    </Form>
  );
}
