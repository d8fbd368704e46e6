import type { ProviderDay, scheduleContract } from '../../../common/contract/schedule.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { hoursOn, personName, type Interval } from '../../../common/domain/scheduling';
import { addDays, dayBoundsOf } from '../../../common/domain/time-zone';
import { AppointmentRepository, toAppointment, type AppointmentViewRow } from '../../../db/repositories/appointment-repository';
import { toWorkingHoursRule, WorkingHoursRepository, type ScheduledProvider } from '../../../db/repositories/working-hours-repository';
import type { ScheduleDeps } from './schedule-deps';

type ViewHandlers = Pick<Handlers<typeof scheduleContract>, 'schedule.day' | 'schedule.week'>;

const iso = (ms: number) => new Date(ms).toISOString();
const toOutput = (i: Interval) => ({ startsAt: iso(i.start), endsAt: iso(i.end) });

export function createScheduleViewHandlers(deps: ScheduleDeps): ViewHandlers {
  const appointments = new AppointmentRepository(deps.db);
  const hours = new WorkingHoursRepository(deps.db);

  /**
   * The columns of a view: one provider, or every active provider plus anyone who still has
   * appointments in the range (a provider deactivated after booking keeps their column).
   */
  const providersFor = async (providerId: string | undefined, rows: readonly AppointmentViewRow[]): Promise<ScheduledProvider[]> => {
    if (providerId !== undefined) {
      const provider = await hours.findProvider(providerId);
      if (!provider) throw new AppError('NOT_FOUND', 'No such provider', 'providerId');
      return [provider];
    }
    const providers = await hours.activeProviders();
    const known = new Set(providers.map((p) => p.id));
    for (const row of rows) {
      if (known.has(row.provider_id)) continue;
      known.add(row.provider_id);
      providers.push({ id: row.provider_id, givenName: row.provider_given_name, familyName: row.provider_family_name, active: false });
    }
    return providers;
  };

  /** Everything a view needs for `days` local dates from `first`. */
  const load = async (first: string, days: number, providerId: string | undefined) => {
    const zone = await deps.timeZone.get();
    const from = dayBoundsOf(first, zone).startMs;
    const to = dayBoundsOf(addDays(first, days - 1), zone).endMs;
    const rows = await appointments.listStarting(iso(from), iso(to), providerId ?? null);
    const providers = await providersFor(providerId, rows);
    const rules = await hours.rulesByProvider(providerId !== undefined ? [providerId] : null);
    const dates = Array.from({ length: days }, (_, i) => addDays(first, i));
    const columns: ProviderDay[] = [];
    for (const provider of providers) {
      const providerRules = (rules.get(provider.id) ?? []).map(toWorkingHoursRule);
      for (const date of dates) {
        const day = hoursOn(date, providerRules, zone);
        columns.push({
          providerId: provider.id,
          providerName: personName(provider),
          date,
          hours: day.available.map(toOutput),
          breaks: day.breaks.map(toOutput),
        });
      }
    }
    return { zone, dates, columns, appointments: rows.map(toAppointment) };
  };

  return {
    async 'schedule.day'(input) {
      const view = await load(input.date, 1, input.providerId);
      return { date: input.date, timeZone: view.zone, providers: view.columns, appointments: view.appointments };
    },

    async 'schedule.week'(input) {
      const view = await load(input.weekStart, 7, input.providerId);
      return { weekStart: input.weekStart, timeZone: view.zone, days: view.dates, providers: view.columns, appointments: view.appointments };
    },
  };
}
