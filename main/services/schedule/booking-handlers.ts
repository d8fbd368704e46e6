import type { scheduleContract } from '../../../common/contract/schedule.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import {
  hoursOn,
  MINUTE_MS,
  nextFreeSlot,
  personName,
  SLOT_SEARCH_DAYS,
  weeklyOccurrences,
  type Appointment,
  type Interval,
} from '../../../common/domain/scheduling';
import { dayBoundsOf, localDateOf, localWallTimeOf } from '../../../common/domain/time-zone';
import { EncounterRepository } from '../../../db/repositories/encounter-repository';
import { toWorkingHoursRule, type ScheduledProvider } from '../../../db/repositories/working-hours-repository';
import type { BookingRules } from './booking-rules';
import {
  appointmentForTransition,
  appointmentView,
  existingAppointment,
  inBookingTransaction,
  publishAppointmentChange,
  staleVersion,
  type ScheduleDeps,
} from './schedule-deps';

type BookingHandlers = Pick<
  Handlers<typeof scheduleContract>,
  | 'schedule.book'
  | 'schedule.bookRecurring'
  | 'schedule.reschedule'
  | 'schedule.cancel'
  | 'schedule.markNoShow'
  | 'schedule.walkIn'
  | 'schedule.nextFreeSlot'
>;

const iso = (ms: number) => new Date(ms).toISOString();
const DAY_MS = 86_400_000;

export function createBookingHandlers(deps: ScheduleDeps): BookingHandlers {
  const now = () => deps.clock.now().toISOString();

  /** The earliest slot today for a walk-in with this provider, or null. */
  const walkInSlot = async (rules: BookingRules, provider: ScheduledProvider, durationMs: number): Promise<Interval | null> => {
    const date = localDateOf(rules.nowMs, rules.zone);
    const workingRules = await rules.rules(provider.id);
    const busy = await rules.appointments.busyFor(provider.id, iso(rules.nowMs), iso(dayBoundsOf(date, rules.zone).endMs));
    return nextFreeSlot({
      afterMs: rules.nowMs,
      durationMs,
      busy,
      availableOn: (d) => hoursOn(d, workingRules, rules.zone).available,
      zone: rules.zone,
      maxDays: 1,
    });
  };

  return {
    async 'schedule.book'(input) {
      const appointment = await inBookingTransaction(deps, async (rules) => {
        await rules.patient(input.patientId);
        const provider = await rules.provider(input.providerId);
        const type = await rules.type(input.typeId);
        if (input.locationId !== undefined) await rules.location(input.locationId, 'locationId');
        const start = Date.parse(input.startsAt);
        const slot = { start, end: start + type.duration_minutes * MINUTE_MS };
        await rules.ensureBookable(provider, slot);
        const id = deps.ids.uuid();
        await rules.appointments.insert({
          id,
          patientId: input.patientId,
          providerId: provider.id,
          typeId: type.id,
          typeName: type.name,
          startsAt: iso(slot.start),
          endsAt: iso(slot.end),
          locationId: input.locationId ?? null,
          notes: input.notes || null,
          walkIn: false,
          recurrenceGroupId: null,
          status: 'booked',
          arrivedAt: null,
          now: now(),
        });
        return appointmentView(rules.appointments, id);
      });
      publishAppointmentChange(deps, 'booked', [appointment], { queue: false });
      return appointment;
    },

    async 'schedule.bookRecurring'(input) {
      const { result, booked } = await inBookingTransaction(deps, async (rules) => {
        await rules.patient(input.patientId);
        const provider = await rules.provider(input.providerId);
        const type = await rules.type(input.typeId);
        if (input.locationId !== undefined) await rules.location(input.locationId, 'locationId');
        const durationMs = type.duration_minutes * MINUTE_MS;
        // Weekly occurrences never overlap one another (an appointment is at most 8 hours), so
        // each can be judged against the schedule as it stands before any of them is written.
        const evaluated = [];
        for (const start of weeklyOccurrences(Date.parse(input.startsAt), input.weeks, rules.zone)) {
          const slot = { start, end: start + durationMs };
          evaluated.push({ slot, problem: await rules.problemAt(provider, slot) });
        }
        const conflictCount = evaluated.filter((e) => e.problem).length;
        const writeFree = !(input.allOrNothing && conflictCount > 0);
        const recurrenceGroupId = writeFree && conflictCount < evaluated.length ? deps.ids.uuid() : null;
        const booked: Appointment[] = [];
        const occurrences = [];
        for (const { slot, problem } of evaluated) {
          const times = { startsAt: iso(slot.start), endsAt: iso(slot.end) };
          if (problem) {
            occurrences.push({ ...times, outcome: 'conflict' as const, appointmentId: null, reason: problem.message });
          } else if (!writeFree) {
            occurrences.push({ ...times, outcome: 'not_booked' as const, appointmentId: null, reason: 'Free, but not booked: other weeks conflict and all-or-nothing was asked' });
          } else {
            const id = deps.ids.uuid();
            await rules.appointments.insert({
              id,
              patientId: input.patientId,
              providerId: provider.id,
              typeId: type.id,
              typeName: type.name,
              ...times,
              locationId: input.locationId ?? null,
              notes: input.notes || null,
              walkIn: false,
              recurrenceGroupId,
              status: 'booked',
              arrivedAt: null,
              now: now(),
            });
            booked.push(await appointmentView(rules.appointments, id));
            occurrences.push({ ...times, outcome: 'booked' as const, appointmentId: id, reason: null });
          }
        }
        return { result: { recurrenceGroupId, bookedCount: booked.length, conflictCount, occurrences }, booked };
      });
      publishAppointmentChange(deps, 'booked', booked, { queue: false });
      return result;
    },

    async 'schedule.reschedule'(input, ctx) {
      const { appointment, previousProviderId } = await inBookingTransaction(deps, async (rules) => {
        const row = await existingAppointment(rules.appointments, input.id, 'id');
        ctx.auditPatient(row.patient_id);
        if (row.version !== input.expectedVersion) throw staleVersion();
        if (row.status !== 'booked') {
          throw new AppError('CONFLICT', `Only booked appointments can be moved; this one is ${row.status.replace('_', ' ')}`, 'id');
        }
        const provider = await rules.provider(input.providerId ?? row.provider_id);
        const start = Date.parse(input.startsAt);
        const slot = { start, end: start + (Date.parse(row.ends_at) - Date.parse(row.starts_at)) };
        await rules.ensureBookable(provider, slot, row.id);
        const changes = { provider_id: provider.id, starts_at: iso(slot.start), ends_at: iso(slot.end) };
        if (!(await rules.appointments.update(row.id, row.version, changes, now()))) throw staleVersion();
        return { appointment: await appointmentView(rules.appointments, row.id), previousProviderId: row.provider_id };
      });
      publishAppointmentChange(deps, 'rescheduled', [appointment], { queue: false, previousProviderId });
      return appointment;
    },

    async 'schedule.cancel'(input, ctx) {
      const appointment = await inBookingTransaction(deps, async (rules) => {
        const row = await appointmentForTransition(rules.appointments, input, 'cancelled', (id) => ctx.auditPatient(id));
        const at = now();
        if (!(await rules.appointments.update(row.id, row.version, { status: 'cancelled', cancel_reason: input.reason }, at))) throw staleVersion();
        const encounters = new EncounterRepository(rules.db);
        const encounter = await encounters.findForAppointment(row.id);
        if (encounter && (encounter.status === 'planned' || encounter.status === 'in_progress')) {
          await encounters.setStatus(encounter.id, { status: 'cancelled', ended_at: at }, at);
        }
        return appointmentView(rules.appointments, row.id);
      });
      publishAppointmentChange(deps, 'cancelled', [appointment], { queue: true });
      return appointment;
    },

    async 'schedule.markNoShow'(input, ctx) {
      const appointment = await inBookingTransaction(deps, async (rules) => {
        const row = await appointmentForTransition(rules.appointments, input, 'no_show', (id) => ctx.auditPatient(id));
        const start = Date.parse(row.starts_at);
        if (start > rules.nowMs) {
          throw new AppError('VALIDATION', `A patient can be marked as not come only once the appointment has started (${localWallTimeOf(start, rules.zone)})`, 'id');
        }
        if (!(await rules.appointments.update(row.id, row.version, { status: 'no_show' }, now()))) throw staleVersion();
        return appointmentView(rules.appointments, row.id);
      });
      publishAppointmentChange(deps, 'no_show', [appointment], { queue: true });
      return appointment;
    },

    async 'schedule.walkIn'(input) {
      const appointment = await inBookingTransaction(deps, async (rules) => {
        await rules.patient(input.patientId);
        const type = await rules.type(input.typeId);
        const durationMs = type.duration_minutes * MINUTE_MS;
        const candidates = input.providerId !== undefined ? [await rules.provider(input.providerId)] : await rules.hours.activeProviders();
        let best: { provider: ScheduledProvider; slot: Interval } | null = null;
        for (const provider of candidates) {
          const slot = await walkInSlot(rules, provider, durationMs);
          if (slot && (!best || slot.start < best.slot.start)) best = { provider, slot };
        }
        if (!best) {
          const who = input.providerId !== undefined && candidates[0] ? personName(candidates[0]) : 'No provider';
          const message = input.providerId !== undefined ? `${who} has no free ${type.duration_minutes} minutes left today` : `${who} has ${type.duration_minutes} free minutes left today`;
          throw new AppError('CONFLICT', message, input.providerId !== undefined ? 'providerId' : 'typeId');
        }
        const id = deps.ids.uuid();
        const at = now();
        await rules.appointments.insert({
          id,
          patientId: input.patientId,
          providerId: best.provider.id,
          typeId: type.id,
          typeName: type.name,
          startsAt: iso(best.slot.start),
          endsAt: iso(best.slot.end),
          locationId: null,
          notes: input.notes || null,
          walkIn: true,
          recurrenceGroupId: null,
          status: 'arrived',
          arrivedAt: at,
          now: at,
        });
        await new EncounterRepository(rules.db).openForAppointment({
          id: deps.ids.uuid(),
          patientId: input.patientId,
          providerId: best.provider.id,
          appointmentId: id,
          locationId: null,
          now: at,
        });
        return appointmentView(rules.appointments, id);
      });
      publishAppointmentChange(deps, 'booked', [appointment], { queue: true });
      return appointment;
    },

    async 'schedule.nextFreeSlot'(input) {
      return inBookingTransaction(deps, async (rules) => {
        const provider = await rules.provider(input.providerId);
        const type = await rules.type(input.typeId);
        const afterMs = Math.max(rules.nowMs, input.after === undefined ? 0 : Date.parse(input.after));
        const workingRules = (await rules.hours.listForProvider(provider.id)).map(toWorkingHoursRule);
        const busy = await rules.appointments.busyFor(provider.id, iso(afterMs), iso(afterMs + (SLOT_SEARCH_DAYS + 1) * DAY_MS));
        const slot = nextFreeSlot({
          afterMs,
          durationMs: type.duration_minutes * MINUTE_MS,
          busy,
          availableOn: (date) => hoursOn(date, workingRules, rules.zone).available,
          zone: rules.zone,
        });
        return { slot: slot && { startsAt: iso(slot.start), endsAt: iso(slot.end) } };
      });
    },
  };
}
