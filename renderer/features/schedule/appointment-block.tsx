import { APPOINTMENT_STATUS_LABELS, type Appointment } from '../../../common/domain/scheduling';
import { clinicTime } from './clinic-time';

export interface AppointmentBlockProps {
  appointment: Appointment;
  zone: string;
  selected: boolean;
  onSelect: (appointment: Appointment) => void;
  /** Name the provider too (views across providers). */
  showProvider?: boolean;
}

/** Describes an appointment in one sentence, for screen readers and tooltips. */
export function describeAppointment(a: Appointment, zone: string): string {
  const walkIn = a.walkIn ? ', walk-in' : '';
  return `${clinicTime(a.startsAt, zone)} to ${clinicTime(a.endsAt, zone)}, ${a.patientName} (${a.mrn}), ${a.typeName}, ${APPOINTMENT_STATUS_LABELS[a.status]}${walkIn}, with ${a.providerName}`;
}

/** One appointment as a button coloured by its type (a class: the CSP forbids inline styles). */
export function AppointmentBlock({ appointment: a, zone, selected, onSelect, showProvider = false }: AppointmentBlockProps) {
  return (
    <button
      type="button"
      className={`appt appt--${a.colour} appt--${a.status.replace('_', '-')}`}
      aria-pressed={selected}
      aria-label={describeAppointment(a, zone)}
      title={describeAppointment(a, zone)}
      data-appointment-id={a.id}
      onClick={() => onSelect(a)}
    >
      <span className="appt__time">{clinicTime(a.startsAt, zone)}</span>{' '}
      <span className="appt__name">{a.patientName}</span>
      <span className="appt__meta">
        {a.typeName}
        {showProvider ? ` · ${a.providerName}` : ''}
        {a.status !== 'booked' ? ` · ${APPOINTMENT_STATUS_LABELS[a.status]}` : ''}
        {a.walkIn ? ' · walk-in' : ''}
      </span>
    </button>
  );
}

export function focusAppointment(id: string): void {
  document.querySelector<HTMLButtonElement>(`[data-appointment-id="${CSS.escape(id)}"]`)?.focus();
}
