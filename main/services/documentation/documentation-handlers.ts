import type { Kysely } from 'kysely';
import type { documentationContract } from '../../../common/contract/documentation.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import type { CriticalResultCheck } from '../critical-results/critical-result-check';
import { createComplaintHandlers } from './complaint-handlers';
import { createNoteHandlers } from './note-handlers';
import { createVitalsHandlers } from './vitals-handlers';

/** Encounter documentation: complaint and symptoms, SOAP notes, vitals by hand. */
export function createDocumentationHandlers(deps: { db: Kysely<Database>; clock: Clock; ids: IdGenerator; criticalResults?: CriticalResultCheck }): Handlers<typeof documentationContract> {
  return { ...createComplaintHandlers(deps), ...createNoteHandlers(deps), ...createVitalsHandlers(deps) };
}
