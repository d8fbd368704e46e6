import type { Appointment } from '../../../common/domain/scheduling';
import { AppointmentBlock } from './appointment-block';
import { clinicDate, formatDay } from './clinic-time';

export interface WeekListProps {
  days: readonly string[];
  appointments: readonly Appointment[];
  zone: string;
  selectedId: string | null;
  onSelect: (appointment: Appointment) => void;
}

/** The whole clinic's week: one list per day in time order (a time grid would need a column per provider and day). */
export function WeekList({ days, appointments, zone, selectedId, onSelect }: WeekListProps) {
  return (
    <div className="week-list">
      {days.map((day) => {
        const todays = appointments.filter((a) => clinicDate(a.startsAt, zone) === day);
        return (
          <section key={day} className="week-list__day" aria-label={formatDay(day)}>
            <h3 className="week-list__title">{formatDay(day)}</h3>
            {todays.length === 0 ? (
              <p className="muted">No appointments.</p>
            ) : (
              <ul className="appt-list">
                {todays.map((a) => (
                  <li key={a.id}>
                    <AppointmentBlock appointment={a} zone={zone} selected={a.id === selectedId} onSelect={onSelect} showProvider />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
