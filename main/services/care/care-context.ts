import type { Kysely } from 'kysely';
import { localDateOf } from '../../../common/domain/time-zone';
import type { HandlerContext } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import { ClinicTimeZone } from '../schedule/clinic-time-zone';

export interface CareDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
}

export function userOf(ctx: HandlerContext): string {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.session.userId;
}

/**
 * The clinic's today (YYYY-MM-DD in its time zone), from the Clock. Read fresh each call: an
 * administrator may change the zone through the schedule service at any time.
 */
export async function clinicToday(deps: CareDeps): Promise<string> {
  const zone = await new ClinicTimeZone(deps.db, deps.clock).get();
  return localDateOf(deps.clock.now().getTime(), zone);
}

/** The patient exists and is on file (not merged away): clinical facts go on a live record. */
export async function requirePatient(db: Kysely<Database>, patientId: string): Promise<void> {
  const row = await db.selectFrom('patients').select(['id', 'merged_into_id']).where('id', '=', patientId).where('deleted', '=', 0).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such patient', 'patientId');
  if (row.merged_into_id) throw new AppError('CONFLICT', 'This record was merged into another; use the surviving record', 'patientId');
}

/** The encounter exists and is this patient's. */
export async function requireEncounterOf(db: Kysely<Database>, encounterId: string | undefined, patientId: string): Promise<void> {
  if (!encounterId) return;
  const row = await db.selectFrom('encounters').select('patient_id').where('id', '=', encounterId).where('deleted', '=', 0).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such encounter', 'encounterId');
  if (row.patient_id !== patientId) throw new AppError('VALIDATION', 'This encounter is another patient’s', 'encounterId');
}

/** A date that must not lie after the clinic's today (onset, start, stop, resolution). */
export function notInFuture(date: string | null | undefined, today: string, field: string, label: string): void {
  if (date && date > today) throw new AppError('VALIDATION', `${label} cannot be in the future`, field);
}

export function stale(what: string): AppError {
  return new AppError('CONFLICT', `This ${what} was changed by someone else; reload and try again`, 'expectedVersion');
}
