import type { Kysely } from 'kysely';
import { AppError } from '../../../common/rpc/errors';
import { transitionProblem, type Appointment, type AppointmentStatus } from '../../../common/domain/scheduling';
import { toAppointment, type AppointmentRepository, type AppointmentRow } from '../../../db/repositories/appointment-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { IdGenerator } from '../../ports/id-generator';
import { BookingRules, isDoubleBookingGuard } from './booking-rules';
import type { ClinicTimeZone } from './clinic-time-zone';

export interface ScheduleDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
  timeZone: ClinicTimeZone;
}

/**
 * One write transaction with the booking rules bound to it. SQLite has one writer and Kysely holds
 * the workstation's single connection for the whole transaction, so concurrent bookings run one
 * after another: the second one's overlap check sees the first one's row. The database trigger
 * behind it answers the same CONFLICT should anything slip past.
 */
export async function inBookingTransaction<T>(deps: ScheduleDeps, fn: (rules: BookingRules) => Promise<T>): Promise<T> {
  const zone = await deps.timeZone.get();
  const nowMs = deps.clock.now().getTime();
  try {
    return await deps.db.transaction().execute((trx) => fn(new BookingRules(trx, zone, nowMs)));
  } catch (error) {
    if (isDoubleBookingGuard(error)) {
      throw new AppError('CONFLICT', 'The provider was booked at this time meanwhile; choose another time', 'startsAt');
    }
    throw error;
  }
}

export async function existingAppointment(repo: AppointmentRepository, id: string, field: string): Promise<AppointmentRow> {
  const row = await repo.findById(id);
  if (!row) throw new AppError('NOT_FOUND', 'No such appointment', field);
  return row;
}

/**
 * The appointment a status change applies to, checked: it exists, the caller saw its current
 * version, and the status table allows the step. Names the patient for the audit event.
 */
export async function appointmentForTransition(
  repo: AppointmentRepository,
  input: { id: string; expectedVersion: number },
  to: AppointmentStatus,
  auditPatient: (patientId: string) => void,
): Promise<AppointmentRow> {
  const row = await existingAppointment(repo, input.id, 'id');
  auditPatient(row.patient_id);
  if (row.version !== input.expectedVersion) throw staleVersion();
  const problem = transitionProblem(row.status, to);
  if (problem) throw new AppError('CONFLICT', problem, 'id');
  return row;
}

export function staleVersion(): AppError {
  return new AppError('CONFLICT', 'Someone else changed this appointment meanwhile; reload and try again', 'expectedVersion');
}

export async function appointmentView(repo: AppointmentRepository, id: string): Promise<Appointment> {
  const row = await repo.findView(id);
  if (!row) throw new Error(`appointment ${id} vanished inside its own transaction`);
  return toAppointment(row);
}

/**
 * Every window showing the schedule hears about a change once it is committed; changes to who is
 * at the front desk (check-in, room, done, cancel, no-show, walk-in) also go out as queue.changed.
 */
export function publishAppointmentChange(
  deps: ScheduleDeps,
  change: 'booked' | 'rescheduled' | 'cancelled' | 'no_show' | 'status',
  appointments: readonly Pick<Appointment, 'id' | 'providerId' | 'status'>[],
  options: { queue: boolean; previousProviderId?: string },
): void {
  if (appointments.length === 0) return;
  const providerIds = [...new Set([...appointments.map((a) => a.providerId), ...(options.previousProviderId ? [options.previousProviderId] : [])])];
  deps.events.publish('schedule.changed', { change, appointmentIds: appointments.map((a) => a.id), providerIds });
  if (!options.queue) return;
  for (const a of appointments) deps.events.publish('queue.changed', { appointmentId: a.id, status: a.status });
}
