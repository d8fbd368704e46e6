import { useState } from 'react';
import type { RecurringResult } from '../../../common/contract/schedule.contract';
import type { PatientSummary } from '../../../common/domain/patients';
import { MAX_RECURRING_WEEKS, type Appointment } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Button } from '../../ui/button';
import { CheckboxField } from '../../ui/checkbox-field';
import { Form, FormActions } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { SelectField } from '../../ui/select-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { clinicDate, clinicTime, formatClinicDateTime, instantFromClinic } from './clinic-time';
import { InputField } from '../../ui/input-field';
import { TextAreaField } from '../../ui/textarea-field';
import { providerOptions, typeOptions } from './option-lists';
import { PatientChooser } from './patient-chooser';
import { RecurringOutcomes } from './recurring-outcomes';
import type { ScheduleSetup } from './use-schedule-setup';

export interface BookingDraft {
  providerId?: string;
  date: string;
  time?: string;
}

export interface BookingFormProps {
  setup: ScheduleSetup;
  draft: BookingDraft;
  onBooked: (message: string, appointment: Appointment | null) => void;
}

/**
 * Book one appointment or a weekly series. "Next free slot" fills in the date and time; a clash or
 * a time outside working hours comes back from main as a message above the fields, and the time
 * field is focused so the next try is one keystroke away.
 */
export function BookingForm({ setup, draft, onBooked }: BookingFormProps) {
  const client = useClient();
  const zone = setup.timeZone;
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [providerId, setProviderId] = useState(draft.providerId ?? setup.providers[0]?.id ?? '');
  const [typeId, setTypeId] = useState(setup.types[0]?.id ?? '');
  const [date, setDate] = useState(draft.date);
  const [time, setTime] = useState(draft.time ?? '');
  const [notes, setNotes] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [weeks, setWeeks] = useState('4');
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [series, setSeries] = useState<RecurringResult | null>(null);
  const form = useFormSubmit();

  const findNextFree = async () => {
    setHint(null);
    const after = instantFromClinic(date, time || '00:00', zone);
    const result = await form.run(() => client.api.schedule.nextFreeSlot({ providerId, typeId, ...(after ? { after } : {}) }));
    if (!result) return;
    if (!result.slot) {
      setHint('No free slot in the next two months for this provider and type.');
      return;
    }
    setDate(clinicDate(result.slot.startsAt, zone));
    setTime(clinicTime(result.slot.startsAt, zone));
    setHint(`Next free slot: ${formatClinicDateTime(result.slot.startsAt, zone)}.`);
  };

  const submit = async () => {
    setSeries(null);
    if (!patient) return form.fail({ code: 'VALIDATION', message: 'Choose the patient first', field: 'patientId' });
    const startsAt = instantFromClinic(date, time, zone);
    if (!startsAt) return form.fail({ code: 'VALIDATION', message: 'Enter the date and the time', field: time ? 'date' : 'startsAt' });
    const input = { patientId: patient.id, providerId, typeId, startsAt, ...(notes.trim() ? { notes } : {}) };
    if (!repeat) {
      const problem = checkInput('schedule.book', input);
      if (problem) return form.fail(problem);
      const booked = await form.run(() => client.api.schedule.book(input));
      if (booked) onBooked(`Booked ${booked.patientName} with ${booked.providerName}, ${formatClinicDateTime(booked.startsAt, zone)}.`, booked);
      return;
    }
    const recurring = { ...input, weeks: Number(weeks), allOrNothing };
    const problem = checkInput('schedule.bookRecurring', recurring);
    if (problem) return form.fail(problem);
    const result = await form.run(() => client.api.schedule.bookRecurring(recurring));
    if (!result) return;
    setSeries(result);
    if (result.conflictCount === 0) onBooked(`Booked ${result.bookedCount} weekly appointments for ${patient.givenName} ${patient.familyName}.`, null);
  };

  return (
    <Form title="Appointment details" titleLevel={3} form={form} onSubmit={() => void submit()}>
      <PatientChooser patient={patient} onChange={setPatient} autoFocus />
      <SelectField label="Provider" {...form.field('providerId')} value={providerId} options={providerOptions(setup.providers)} onChange={setProviderId} required />
      <SelectField label="Appointment type" {...form.field('typeId')} value={typeId} options={typeOptions(setup.types)} onChange={setTypeId} required />
      <div className="field-row">
        <InputField label="Date" type="date" {...form.field('date')} value={date} onChange={setDate} required />
        <InputField label="Time" type="time" {...form.field('startsAt')} value={time} onChange={setTime} step={300} required hint={`Clinic time (${zone})`} />
      </div>
      <div className="form__actions">
        <Button variant="secondary" onClick={() => void findNextFree()} disabled={!providerId || !typeId}>
          Find next free slot
        </Button>
      </div>
      {hint ? <Notice tone="info">{hint}</Notice> : null}
      <TextAreaField label="Notes (optional)" {...form.field('notes')} value={notes} onChange={setNotes} maxLength={1000} />
      <CheckboxField label="Repeat weekly" name="repeat" checked={repeat} onChange={setRepeat} />
      {repeat ? (
        <div className="field-row">
          <InputField label="Number of weeks" type="number" {...form.field('weeks')} value={weeks} onChange={setWeeks} min={2} max={MAX_RECURRING_WEEKS} required />
          <CheckboxField label="Only if every week is free" name="allOrNothing" checked={allOrNothing} onChange={setAllOrNothing} />
        </div>
      ) : null}
      {series ? <RecurringOutcomes result={series} zone={zone} /> : null}
      <FormActions form={form} submitLabel={repeat ? 'Book weekly' : 'Book'} />
    </Form>
  );
}
