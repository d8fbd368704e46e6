import { useEffect, useId, useRef, useState } from 'react';
import { APPOINTMENT_STATUS_LABELS, canTransition, type Appointment } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Form } from '../../ui/form';
import { SelectField } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import type { ApiError, Result } from '../../../common/rpc/errors';
import { clinicDate, clinicTime, clinicToday, formatClinicDateTime, formatLongDay, instantFromClinic } from './clinic-time';
import { InputField } from '../../ui/input-field';
import { providerOptions } from './option-lists';
import type { ScheduleSetup } from './use-schedule-setup';

export interface AppointmentPanelProps {
  appointment: Appointment;
  setup: ScheduleSetup;
  onChanged: (message: string, appointment: Appointment) => void;
  onClose: () => void;
}

type Editor = 'none' | 'reschedule' | 'cancel';

/** One appointment opened: its details and what the front desk can do with it now. */
export function AppointmentPanel({ appointment: a, setup, onChanged, onClose }: AppointmentPanelProps) {
  const client = useClient();
  const zone = setup.timeZone;
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [editor, setEditor] = useState<Editor>('none');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => headingRef.current?.focus(), [a.id]);

  const run = async (call: () => Promise<Result<Appointment>>, describe: (x: Appointment) => string) => {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    const result = await call().catch((): Result<Appointment> => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }));
    setBusy(false);
    if (result.ok) onChanged(describe(result.value), result.value);
    else setActionError(result.error);
  };

  const isToday = clinicDate(a.startsAt, zone) === clinicToday(zone);
  const started = Date.parse(a.startsAt) <= Date.now();

  return (
    <section className="card appointment-panel" aria-labelledby={titleId}>
      <div className="edit-panel__header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {a.patientName}, {clinicTime(a.startsAt, zone)}–{clinicTime(a.endsAt, zone)}
        </h2>
        <Button variant="quiet" onClick={onClose}>
          Close
        </Button>
      </div>
      <dl className="facts">
        <dt>MRN</dt>
        <dd>{a.mrn}</dd>
        <dt>When</dt>
        <dd>{formatLongDay(clinicDate(a.startsAt, zone))}, {clinicTime(a.startsAt, zone)}–{clinicTime(a.endsAt, zone)}</dd>
        <dt>Provider</dt>
        <dd>{a.providerName}</dd>
        <dt>Type</dt>
        <dd>
          <span className={`swatch swatch--${a.colour}`} aria-hidden="true" /> {a.typeName}
        </dd>
        <dt>Status</dt>
        <dd>
          {APPOINTMENT_STATUS_LABELS[a.status]}
          {a.walkIn ? ' (walk-in)' : ''}
          {a.cancelReason ? `: ${a.cancelReason}` : ''}
        </dd>
        {a.notes ? (
          <>
            <dt>Notes</dt>
            <dd>{a.notes}</dd>
          </>
        ) : null}
      </dl>
      <ErrorBanner error={actionError} />
      <div className="row-actions">
        {canTransition(a.status, 'arrived') && isToday ? (
          <Button variant="primary" aria-disabled={busy || undefined} onClick={() => void run(() => client.api.queue.checkIn({ appointmentId: a.id }), (x) => `${x.patientName} is checked in.`)}>
            Check in
          </Button>
        ) : null}
        {a.status === 'booked' ? (
          <Button variant="secondary" onClick={() => setEditor(editor === 'reschedule' ? 'none' : 'reschedule')} aria-expanded={editor === 'reschedule'}>
            Reschedule
          </Button>
        ) : null}
        {canTransition(a.status, 'cancelled') ? (
          <Button variant="danger" onClick={() => setEditor(editor === 'cancel' ? 'none' : 'cancel')} aria-expanded={editor === 'cancel'}>
            Cancel appointment
          </Button>
        ) : null}
        {canTransition(a.status, 'no_show') && started ? (
          <Button
            variant="secondary"
            aria-disabled={busy || undefined}
            onClick={() => void run(() => client.api.schedule.markNoShow({ id: a.id, expectedVersion: a.version }), (x) => `${x.patientName} is marked as not come.`)}
          >
            Mark no-show
          </Button>
        ) : null}
      </div>
      {editor === 'reschedule' ? <RescheduleForm appointment={a} setup={setup} onDone={onChanged} /> : null}
      {editor === 'cancel' ? <CancelForm appointment={a} onDone={onChanged} /> : null}
    </section>
  );
}

function RescheduleForm({ appointment: a, setup, onDone }: { appointment: Appointment; setup: ScheduleSetup; onDone: AppointmentPanelProps['onChanged'] }) {
  const client = useClient();
  const zone = setup.timeZone;
  const [providerId, setProviderId] = useState(a.providerId);
  const [date, setDate] = useState(clinicDate(a.startsAt, zone));
  const [time, setTime] = useState(clinicTime(a.startsAt, zone));
  const form = useFormSubmit();
  const options = providerOptions(setup.providers);
  if (!options.some((o) => o.value === a.providerId)) options.unshift({ value: a.providerId, label: a.providerName });

  const findNextFree = async () => {
    if (!a.typeId) return;
    const after = instantFromClinic(date, time, zone);
    const result = await form.run(() => client.api.schedule.nextFreeSlot({ providerId, typeId: a.typeId!, ...(after ? { after } : {}) }));
    if (result?.slot) {
      setDate(clinicDate(result.slot.startsAt, zone));
      setTime(clinicTime(result.slot.startsAt, zone));
    }
  };

  const submit = async () => {
    const startsAt = instantFromClinic(date, time, zone);
    if (!startsAt) return form.fail({ code: 'VALIDATION', message: 'Enter the new date and time', field: 'startsAt' });
    const input = { id: a.id, expectedVersion: a.version, startsAt, ...(providerId !== a.providerId ? { providerId } : {}) };
    const problem = checkInput('schedule.reschedule', input);
    if (problem) return form.fail(problem);
    const moved = await form.run(() => client.api.schedule.reschedule(input));
    if (moved) onDone(`Moved ${moved.patientName} to ${formatClinicDateTime(moved.startsAt, zone)} with ${moved.providerName}.`, moved);
  };

  return (
    <Form title="Reschedule" titleLevel={3} form={form} onSubmit={() => void submit()}>
      <SelectField label="Provider" {...form.field('providerId')} value={providerId} options={options} onChange={setProviderId} />
      <div className="field-row">
        <InputField label="New date" type="date" {...form.field('date')} value={date} onChange={setDate} required />
        <InputField label="New time" type="time" {...form.field('startsAt')} value={time} onChange={setTime} step={300} required hint={`Clinic time (${zone})`} />
      </div>
      <div className="form__actions">
        {a.typeId ? (
          <Button variant="secondary" onClick={() => void findNextFree()}>
            Find next free slot
          </Button>
        ) : null}
        <Button type="submit" variant="primary" busy={form.pending}>
          Move appointment
        </Button>
      </div>
    </Form>
  );
}

function CancelForm({ appointment: a, onDone }: { appointment: Appointment; onDone: AppointmentPanelProps['onChanged'] }) {
  const client = useClient();
  const [reason, setReason] = useState('');
  const form = useFormSubmit();
  const submit = async () => {
    const input = { id: a.id, expectedVersion: a.version, reason };
    const problem = checkInput('schedule.cancel', input);
    if (problem) return form.fail(problem);
    const cancelled = await form.run(() => client.api.schedule.cancel(input));
    if (cancelled) onDone(`Cancelled the appointment of ${cancelled.patientName}.`, cancelled);
  };
  return (
    <Form title="Cancel the appointment" titleLevel={3} form={form} onSubmit={() => void submit()}>
      <TextField label="Reason" {...form.field('reason')} value={reason} onChange={setReason} maxLength={300} required autoFocus hint="Required, e.g. “Patient called, feels better”." />
      <div className="form__actions">
        <Button type="submit" variant="danger" busy={form.pending}>
          Cancel appointment
        </Button>
      </div>
    </Form>
  );
}
