import type { queueContract } from '../../../common/contract/queue.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { MINUTE_MS, transitionProblem, type Appointment, type AppointmentStatus } from '../../../common/domain/scheduling';
import { dayBoundsOf, localDateOf } from '../../../common/domain/time-zone';
import { AppointmentRepository, toAppointment, type AppointmentChanges, type AppointmentRow } from '../../../db/repositories/appointment-repository';
import { EncounterRepository } from '../../../db/repositories/encounter-repository';
import type { BookingRules } from './booking-rules';
import { appointmentView, existingAppointment, inBookingTransaction, publishAppointmentChange, type ScheduleDeps } from './schedule-deps';

const QUEUE_STATUSES: readonly AppointmentStatus[] = ['booked', 'arrived', 'in_room', 'completed'];

/** Arrived: minutes since arrival. In a room or done: how long they waited. Not yet here: null. */
export function waitingMinutes(a: Pick<Appointment, 'status' | 'arrivedAt' | 'inRoomAt'>, nowMs: number): number | null {
  if (a.arrivedAt === null) return null;
  const until = a.status === 'arrived' ? nowMs : a.inRoomAt === null ? null : Date.parse(a.inRoomAt);
  if (until === null) return null;
  return Math.max(0, Math.floor((until - Date.parse(a.arrivedAt)) / MINUTE_MS));
}

export function createQueueHandlers(deps: ScheduleDeps): Handlers<typeof queueContract> {
  const appointments = new AppointmentRepository(deps.db);

  /**
   * One step of the visit: the status table decides whether it is allowed, then the appointment
   * and its encounter change together in one transaction.
   */
  const step = async (
    appointmentId: string,
    to: AppointmentStatus,
    auditPatient: (id: string) => void,
    apply: (rules: BookingRules, row: AppointmentRow, at: string) => Promise<AppointmentChanges>,
  ): Promise<Appointment> => {
    const appointment = await inBookingTransaction(deps, async (rules) => {
      const row = await existingAppointment(rules.appointments, appointmentId, 'appointmentId');
      auditPatient(row.patient_id);
      const problem = transitionProblem(row.status, to);
      if (problem) throw new AppError('CONFLICT', problem, 'appointmentId');
      const at = deps.clock.now().toISOString();
      const changes = await apply(rules, row, at);
      if (!(await rules.appointments.update(row.id, row.version, { ...changes, status: to }, at))) {
        throw new AppError('CONFLICT', 'Someone else changed this appointment meanwhile; reload and try again', 'appointmentId');
      }
      return appointmentView(rules.appointments, row.id);
    });
    publishAppointmentChange(deps, 'status', [appointment], { queue: true });
    return appointment;
  };

  return {
    async 'queue.today'() {
      const zone = await deps.timeZone.get();
      const nowMs = deps.clock.now().getTime();
      const date = localDateOf(nowMs, zone);
      const { startMs, endMs } = dayBoundsOf(date, zone);
      const rows = await appointments.listStartingWithStatus(new Date(startMs).toISOString(), new Date(endMs).toISOString(), QUEUE_STATUSES);
      const entries = rows.map((row) => {
        const appointment = toAppointment(row);
        return { ...appointment, waitingMinutes: waitingMinutes(appointment, nowMs) };
      });
      return { date, timeZone: zone, now: new Date(nowMs).toISOString(), entries };
    },

    async 'queue.checkIn'(input, ctx) {
      return step(input.appointmentId, 'arrived', (id) => ctx.auditPatient(id), async (rules, row, at) => {
        const today = localDateOf(rules.nowMs, rules.zone);
        const day = localDateOf(Date.parse(row.starts_at), rules.zone);
        if (day !== today) {
          throw new AppError('VALIDATION', `This appointment is on ${rules.describeDay(day)}; patients are checked in on the day`, 'appointmentId');
        }
        await new EncounterRepository(rules.db).openForAppointment({
          id: deps.ids.uuid(),
          patientId: row.patient_id,
          providerId: row.provider_id,
          appointmentId: row.id,
          locationId: row.location_id,
          now: at,
        });
        return { arrived_at: at };
      });
    },

    async 'queue.moveToRoom'(input, ctx) {
      return step(input.appointmentId, 'in_room', (id) => ctx.auditPatient(id), async (rules, row, at) => {
        const room = input.locationId === undefined ? null : await rules.location(input.locationId, 'locationId');
        const encounters = new EncounterRepository(rules.db);
        const encounter = await encounters.findForAppointment(row.id);
        if (encounter) {
          await encounters.setStatus(encounter.id, { status: 'in_progress', started_at: at, ...(room ? { location_id: room.id } : {}) }, at);
        }
        return { room_id: room?.id ?? null, in_room_at: at };
      });
    },

    async 'queue.complete'(input, ctx) {
      return step(input.appointmentId, 'completed', (id) => ctx.auditPatient(id), async (rules, row, at) => {
        const encounters = new EncounterRepository(rules.db);
        const encounter = await encounters.findForAppointment(row.id);
        if (encounter) await encounters.setStatus(encounter.id, { status: 'finished', ended_at: at }, at);
        return { completed_at: at };
      });
    },
  };
}
