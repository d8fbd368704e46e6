import type { Kysely, Selectable } from 'kysely';
import type { Database, DeviceJournalTable, JournalStatus } from '../schema';
import { PreparedStatements } from '../prepared-statements';
import type { SqliteConnection, SqliteStatement } from '../sqlite-driver';

export type JournalRow = Selectable<DeviceJournalTable>;

export interface JournalAppend {
  deviceId: string;
  protocol: string;
  receivedAt: string;
  raw: Uint8Array;
  dedupeKey: string | null;
  messageId: string | null;
}

export interface JournalAppendResult {
  seq: number;
  /** Already in the journal (a resend): acknowledged again, stored once. */
  duplicate: boolean;
}

/**
 * The raw device journal. Appends run on prepared statements inside a Kysely transaction: Kysely
 * holds the connection's lock for the whole callback, so no other query interleaves, and one
 * commit (one fsync) covers every message in the batch.
 */
export class DeviceJournalRepository {
  private readonly statements: PreparedStatements;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly raw: SqliteConnection,
  ) {
    this.statements = new PreparedStatements(raw);
  }

  private statement(sql: string): SqliteStatement {
    return this.statements.get(sql);
  }

  /**
   * Appends the batch in one commit. `afterInsert` runs for every newly stored entry inside the
   * same transaction (the live path records the entry's readings there), under a savepoint: if it
   * throws, only its own writes are undone and the entry stays pending for the journal processor,
   * while the message itself is kept.
   */
  async appendBatch(
    entries: readonly JournalAppend[],
    afterInsert?: (seq: number, index: number) => void,
    onAfterInsertError: (error: unknown, index: number) => void = () => undefined,
  ): Promise<JournalAppendResult[]> {
    return this.db.transaction().execute(async () => {
      const insert = this.statement(
        `INSERT INTO device_journal (device_id, protocol, received_at, raw, dedupe_key, message_id)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      );
      const existing = this.statement('SELECT seq FROM device_journal WHERE device_id = ? AND dedupe_key = ?');
      return entries.map((e, index) => {
        const result = insert.run(e.deviceId, e.protocol, e.receivedAt, Buffer.from(e.raw), e.dedupeKey, e.messageId);
        if (Number(result.changes) === 1) {
          const seq = Number(result.lastInsertRowid);
          if (afterInsert) this.underSavepoint(() => afterInsert(seq, index), (error) => onAfterInsertError(error, index));
          return { seq, duplicate: false };
        }
        const row = existing.get(e.deviceId, e.dedupeKey) as { seq: number };
        return { seq: row.seq, duplicate: true };
      });
    });
  }

  private underSavepoint(fn: () => void, onError: (error: unknown) => void): void {
    this.raw.exec('SAVEPOINT journal_entry');
    try {
      fn();
      this.raw.exec('RELEASE journal_entry');
    } catch (error) {
      this.raw.exec('ROLLBACK TO journal_entry');
      this.raw.exec('RELEASE journal_entry');
      onError(error);
    }
  }

  pending(limit: number, afterSeq = 0): Promise<JournalRow[]> {
    return this.db
      .selectFrom('device_journal')
      .selectAll()
      .where('status', '=', 'pending')
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  find(seq: number): Promise<JournalRow | undefined> {
    return this.db.selectFrom('device_journal').selectAll().where('seq', '=', seq).executeTakeFirst();
  }

  page(options: { deviceId?: string; status?: JournalStatus; beforeSeq?: number; limit: number }): Promise<JournalRow[]> {
    let q = this.db.selectFrom('device_journal').selectAll();
    if (options.deviceId) q = q.where('device_id', '=', options.deviceId);
    if (options.status) q = q.where('status', '=', options.status);
    if (options.beforeSeq) q = q.where('seq', '<', options.beforeSeq);
    return q.orderBy('seq', 'desc').limit(options.limit).execute();
  }
}
