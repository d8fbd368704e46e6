import type { Kysely } from 'kysely';
import { AppError, type ErrorCode } from '../../../common/rpc/errors';
import {
  hoursOn,
  personName,
  placementProblem,
  WEEKDAY_LABELS,
  type DayHours,
  type Interval,
  type WorkingHoursRule,
} from '../../../common/domain/scheduling';
import { isoWeekday, localDateOf, localWallTimeOf } from '../../../common/domain/time-zone';
import { AppointmentRepository } from '../../../db/repositories/appointment-repository';
import { AppointmentTypeRepository, type AppointmentTypeRow } from '../../../db/repositories/appointment-type-repository';
import { toWorkingHoursRule, WorkingHoursRepository, type ScheduledProvider } from '../../../db/repositories/working-hours-repository';
import type { Database } from '../../../db/schema';

export interface BookingProblem {
  code: Extract<ErrorCode, 'VALIDATION' | 'CONFLICT'>;
  message: string;
}

/**
 * The rules every way of placing an appointment shares (book, recurring, reschedule, walk-in),
 * read through one transaction so the check and the write that follows see the same schedule.
 */
export class BookingRules {
  readonly appointments: AppointmentRepository;
  readonly hours: WorkingHoursRepository;
  readonly types: AppointmentTypeRepository;
  private readonly rulesCache = new Map<string, WorkingHoursRule[]>();

  constructor(
    readonly db: Kysely<Database>,
    readonly zone: string,
    readonly nowMs: number,
  ) {
    this.appointments = new AppointmentRepository(db);
    this.hours = new WorkingHoursRepository(db);
    this.types = new AppointmentTypeRepository(db);
  }

  async provider(id: string, field = 'providerId'): Promise<ScheduledProvider> {
    const provider = await this.hours.findProvider(id);
    if (!provider) throw new AppError('NOT_FOUND', 'No such provider', field);
    if (!provider.active) throw new AppError('VALIDATION', `${personName(provider)} is no longer active in this clinic`, field);
    return provider;
  }

  async type(id: string): Promise<AppointmentTypeRow> {
    const type = await this.types.findById(id);
    if (!type) throw new AppError('NOT_FOUND', 'No such appointment type', 'typeId');
    if (type.active !== 1) throw new AppError('VALIDATION', `The appointment type “${type.name}” is no longer offered`, 'typeId');
    return type;
  }

  async patient(id: string): Promise<void> {
    const patient = await this.db
      .selectFrom('patients')
      .select(['active', 'merged_into_id'])
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!patient) throw new AppError('NOT_FOUND', 'No such patient', 'patientId');
    if (patient.active !== 1 || patient.merged_into_id !== null) {
      throw new AppError('VALIDATION', 'This patient record is inactive or merged; book on the current record', 'patientId');
    }
  }

  async location(id: string, field: string): Promise<{ id: string; name: string }> {
    const location = await this.db
      .selectFrom('locations')
      .select(['id', 'name', 'active'])
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!location) throw new AppError('NOT_FOUND', 'No such location', field);
    if (location.active !== 1) throw new AppError('VALIDATION', `The location “${location.name}” is not in use`, field);
    return location;
  }

  async rules(providerId: string): Promise<WorkingHoursRule[]> {
    let rules = this.rulesCache.get(providerId);
    if (!rules) {
      rules = (await this.hours.listForProvider(providerId)).map(toWorkingHoursRule);
      this.rulesCache.set(providerId, rules);
    }
    return rules;
  }

  async hoursOn(providerId: string, date: string): Promise<DayHours> {
    return hoursOn(date, await this.rules(providerId), this.zone);
  }

  /** Why `slot` cannot be given to the provider, or null when it can. */
  async problemAt(provider: ScheduledProvider, slot: Interval, exceptId: string | null = null): Promise<BookingProblem | null> {
    const name = personName(provider);
    const date = localDateOf(slot.start, this.zone);
    const day = this.describeDay(date);
    if (slot.start < this.nowMs) {
      return { code: 'VALIDATION', message: `${this.span(slot)} on ${day} is in the past` };
    }
    const problem = placementProblem(slot, await this.hoursOn(provider.id, date));
    if (problem?.kind === 'no-hours') return { code: 'VALIDATION', message: `${name} has no working hours on ${day}` };
    if (problem?.kind === 'break') {
      return { code: 'VALIDATION', message: `${name} is on a break ${this.span(problem.break)} on ${day}` };
    }
    if (problem?.kind === 'outside') {
      return {
        code: 'VALIDATION',
        message: `${this.span(slot)} is outside ${name}’s working hours on ${day} (${problem.available.map((i) => this.span(i)).join(', ')})`,
      };
    }
    const [clash] = await this.appointments.busyFor(provider.id, new Date(slot.start).toISOString(), new Date(slot.end).toISOString(), exceptId);
    if (clash) {
      return { code: 'CONFLICT', message: `${name} is already booked ${this.span(clash)} on ${this.describeDay(localDateOf(clash.start, this.zone))}` };
    }
    return null;
  }

  async ensureBookable(provider: ScheduledProvider, slot: Interval, exceptId: string | null = null): Promise<void> {
    const problem = await this.problemAt(provider, slot, exceptId);
    if (problem) throw new AppError(problem.code, problem.message, 'startsAt');
  }

  describeDay(date: string): string {
    return `${WEEKDAY_LABELS[isoWeekday(date) - 1]} ${date}`;
  }

  span(interval: Interval): string {
    return `${localWallTimeOf(interval.start, this.zone)}–${localWallTimeOf(interval.end, this.zone)}`;
  }
}

/** The database's own guard (migration 0008) speaks SQL; the front desk hears the same CONFLICT. */
export function isDoubleBookingGuard(error: unknown): boolean {
  return error instanceof Error && error.message.includes('double booking');
}
