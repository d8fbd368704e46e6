import type { HandlerContext } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { EncounterComplaintRepository, type EncounterComplaintRow } from '../../../db/repositories/encounter-complaint-repository';
import type { Database } from '../../../db/schema';
import type { Kysely } from 'kysely';

export function callerOf(ctx: HandlerContext): string {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.session.userId;
}

/** The encounter, with the audit event naming its patient; NOT_FOUND on `field` when there is none. */
export async function encounterFor(db: Kysely<Database>, encounterId: string, ctx: HandlerContext, field = 'encounterId'): Promise<EncounterComplaintRow> {
  const encounter = await new EncounterComplaintRepository(db).find(encounterId);
  if (!encounter) throw new AppError('NOT_FOUND', 'No such encounter', field);
  ctx.auditPatient(encounter.patient_id);
  return encounter;
}

/** New documentation goes only into an encounter under way (checked in or in a room). */
export function requireOpen(encounter: EncounterComplaintRow, what: string): void {
  if (encounter.status !== 'planned' && encounter.status !== 'in_progress') {
    throw new AppError('CONFLICT', `This encounter is ${encounter.status === 'finished' ? 'finished' : 'cancelled'}; ${what} can no longer be added to it`);
  }
}
