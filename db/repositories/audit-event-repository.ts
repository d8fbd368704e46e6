import type { Kysely } from 'kysely';
import type { AuditEvent, AuditOutcome, AuditRecord } from '../../common/domain/audit';
import type { Database } from '../schema';

export interface AuditQuery {
  limit: number;
  beforeSeq?: number;
  userId?: string;
  action?: string;
  outcome?: AuditOutcome;
  patientId?: string;
}

export class AuditEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(event: AuditRecord & { id: string; at: string }): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        id: event.id,
        at: event.at,
        user_id: event.userId,
        username: event.username,
        action: event.action,
        patient_id: event.patientId,
        outcome: event.outcome,
        error_code: event.errorCode,
        transport: event.transport,
      })
      .execute();
  }

  async list(query: AuditQuery): Promise<AuditEvent[]> {
    let q = this.db.selectFrom('audit_events').selectAll();
    if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
    if (query.userId !== undefined) q = q.where('user_id', '=', query.userId);
    if (query.action !== undefined) q = q.where('action', '=', query.action);
    if (query.outcome !== undefined) q = q.where('outcome', '=', query.outcome);
    if (query.patientId !== undefined) q = q.where('patient_id', '=', query.patientId);
    const rows = await q.orderBy('seq', 'desc').limit(query.limit).execute();
    return rows.map((row) => ({
      seq: row.seq,
      id: row.id,
      at: row.at,
      userId: row.user_id,
      username: row.username,
      action: row.action,
      patientId: row.patient_id,
      outcome: row.outcome,
      errorCode: row.error_code,
      transport: row.transport,
    }));
  }
}
