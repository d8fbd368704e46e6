import type { Kysely } from 'kysely';
import type { auditContract } from '../../../common/contract/audit.contract';
import type { AuditRecord } from '../../../common/domain/audit';
import type { AuditSink, Handlers } from '../../../common/rpc/dispatcher';
import type { Database } from '../../../db/schema';
import { AuditEventRepository } from '../../../db/repositories/audit-event-repository';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';

/** The dispatcher's audit sink: every call, including denied and invalid ones, becomes a row. */
export function createAuditSink(db: Kysely<Database>, clock: Clock, ids: IdGenerator): AuditSink {
  const repo = new AuditEventRepository(db);
  return {
    record(event: AuditRecord) {
      return repo.append({ ...event, id: ids.uuid(), at: clock.now().toISOString() });
    },
  };
}

export function createAuditHandlers(db: Kysely<Database>): Handlers<typeof auditContract> {
  const repo = new AuditEventRepository(db);
  return {
    'audit.list'(input) {
      return repo.list(input);
    },
  };
}
