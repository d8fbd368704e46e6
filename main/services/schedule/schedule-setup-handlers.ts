import type { scheduleContract } from '../../../common/contract/schedule.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { overlaps, WEEKDAY_LABELS, type WorkingHoursEntry } from '../../../common/domain/scheduling';
import { minutesOfWallTime } from '../../../common/domain/time-zone';
import { AppointmentTypeRepository, toAppointmentType } from '../../../db/repositories/appointment-type-repository';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { toWorkingHoursEntry, WorkingHoursRepository } from '../../../db/repositories/working-hours-repository';
import type { ScheduleDeps } from './schedule-deps';

type SetupHandlers = Pick<
  Handlers<typeof scheduleContract>,
  | 'schedule.settings'
  | 'schedule.setTimeZone'
  | 'schedule.listAppointmentTypes'
  | 'schedule.saveAppointmentType'
  | 'schedule.workingHours'
  | 'schedule.addWorkingHours'
  | 'schedule.removeWorkingHours'
>;

/** Validity periods as comparable day ranges; open ends reach the calendar's edges. */
function validityOverlaps(a: Pick<WorkingHoursEntry, 'validFrom' | 'validTo'>, b: Pick<WorkingHoursEntry, 'validFrom' | 'validTo'>): boolean {
  return (a.validFrom ?? '0000-00-00') <= (b.validTo ?? '9999-99-99') && (b.validFrom ?? '0000-00-00') <= (a.validTo ?? '9999-99-99');
}

export function createScheduleSetupHandlers(deps: ScheduleDeps): SetupHandlers {
  const types = new AppointmentTypeRepository(deps.db);
  const hours = new WorkingHoursRepository(deps.db);
  const now = () => deps.clock.now().toISOString();

  const existingProvider = async (id: string, repo: WorkingHoursRepository = hours) => {
    const provider = await repo.findProvider(id);
    if (!provider) throw new AppError('NOT_FOUND', 'No such provider', 'providerId');
    return provider;
  };

  const hoursOf = async (providerId: string, repo: WorkingHoursRepository = hours) => (await repo.listForProvider(providerId)).map(toWorkingHoursEntry);

  interface Repos {
    types: AppointmentTypeRepository;
    hours: WorkingHoursRepository;
    organizations: OrganizationRepository;
  }
  /** Check and write in one transaction, every query through it (the connection is held meanwhile). */
  const atomically = <T>(fn: (repos: Repos) => Promise<T>): Promise<T> =>
    deps.db.transaction().execute((trx) =>
      fn({ types: new AppointmentTypeRepository(trx), hours: new WorkingHoursRepository(trx), organizations: new OrganizationRepository(trx) }),
    );

  return {
    async 'schedule.settings'() {
      return { timeZone: await deps.timeZone.get() };
    },

    async 'schedule.setTimeZone'(input) {
      await deps.timeZone.set(input.timeZone);
      deps.events.publish('schedule.changed', { change: 'settings', appointmentIds: [], providerIds: [] });
      return { timeZone: input.timeZone };
    },

    async 'schedule.listAppointmentTypes'(input) {
      return (await types.list(input.includeInactive)).map(toAppointmentType);
    },

    async 'schedule.saveAppointmentType'(input) {
      if (input.id === undefined && input.expectedVersion !== undefined) {
        throw new AppError('VALIDATION', 'Give the id of the appointment type to change', 'id');
      }
      if (input.id !== undefined && input.expectedVersion === undefined) {
        throw new AppError('VALIDATION', 'Changing an appointment type needs the version you edited', 'expectedVersion');
      }
      const fields = { name: input.name, durationMinutes: input.durationMinutes, colour: input.colour, active: input.active };
      const saved = await atomically(async (repos) => {
        const sameName = await repos.types.findByName(input.name);
        if (sameName && sameName.id !== input.id) {
          throw new AppError('CONFLICT', `There is already an appointment type called “${sameName.name}”`, 'name');
        }
        if (input.id === undefined) {
          const org = await repos.organizations.current();
          if (!org) throw new AppError('CONFLICT', 'Set up the clinic before adding appointment types');
          return repos.types.insert({ ...fields, id: deps.ids.uuid(), organizationId: org.id, now: now() });
        }
        const existing = await repos.types.findById(input.id);
        if (!existing) throw new AppError('NOT_FOUND', 'No such appointment type', 'id');
        const updated = await repos.types.update(input.id, input.expectedVersion!, fields, now());
        if (!updated) throw new AppError('CONFLICT', 'Someone else changed this appointment type meanwhile; reload and try again', 'expectedVersion');
        return updated;
      });
      deps.events.publish('schedule.changed', { change: 'types', appointmentIds: [], providerIds: [] });
      return toAppointmentType(saved);
    },

    async 'schedule.workingHours'(input) {
      await existingProvider(input.providerId);
      return hoursOf(input.providerId);
    },

    async 'schedule.addWorkingHours'(input) {
      if (minutesOfWallTime(input.endTime) <= minutesOfWallTime(input.startTime)) {
        throw new AppError('VALIDATION', 'End time must be after the start time', 'endTime');
      }
      if (input.validFrom !== undefined && input.validTo !== undefined && input.validTo < input.validFrom) {
        throw new AppError('VALIDATION', 'The last day must not be before the first day', 'validTo');
      }
      const entry: WorkingHoursEntry = {
        id: deps.ids.uuid(),
        providerId: input.providerId,
        weekday: input.weekday,
        startTime: input.startTime,
        endTime: input.endTime,
        kind: input.kind,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
      };
      const list = await atomically(async (repos) => {
        await existingProvider(input.providerId, repos.hours);
        const span = (e: Pick<WorkingHoursEntry, 'startTime' | 'endTime'>) => ({ start: minutesOfWallTime(e.startTime), end: minutesOfWallTime(e.endTime) });
        const clash = (await hoursOf(input.providerId, repos.hours)).find(
          (e) => e.kind === entry.kind && e.weekday === entry.weekday && overlaps(span(e), span(entry)) && validityOverlaps(e, entry),
        );
        if (clash) {
          const what = entry.kind === 'work' ? 'working hours' : 'a break';
          throw new AppError('CONFLICT', `This overlaps ${what} ${clash.startTime}–${clash.endTime} on ${WEEKDAY_LABELS[clash.weekday - 1]}`, 'startTime');
        }
        await repos.hours.insert({ ...entry, now: now() });
        return hoursOf(input.providerId, repos.hours);
      });
      deps.events.publish('schedule.changed', { change: 'hours', appointmentIds: [], providerIds: [input.providerId] });
      return list;
    },

    async 'schedule.removeWorkingHours'(input) {
      const { providerId, list } = await atomically(async (repos) => {
        const entry = await repos.hours.findById(input.id);
        if (!entry) throw new AppError('NOT_FOUND', 'No such working hours entry', 'id');
        await repos.hours.remove(entry.id, now());
        return { providerId: entry.provider_id, list: await hoursOf(entry.provider_id, repos.hours) };
      });
      deps.events.publish('schedule.changed', { change: 'hours', appointmentIds: [], providerIds: [providerId] });
      return list;
    },
  };
}
