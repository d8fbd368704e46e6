import type { Kysely, Selectable } from 'kysely';
import type { CaptureStatus, Database, DeviceReadingsTable } from '../schema';
import { PreparedStatements } from '../prepared-statements';
import type { SqliteConnection, SqliteStatement } from '../sqlite-driver';

export type DeviceReadingRow = Selectable<DeviceReadingsTable>;

export type DeviceReadingView = DeviceReadingRow & {
  device_name: string;
  patient_mrn: string | null;
  patient_given_name: string | null;
  patient_family_name: string | null;
  match_mrn: string | null;
  match_given_name: string | null;
  match_family_name: string | null;
};

export type NewDeviceReading = Omit<DeviceReadingRow, 'status' | 'decided_by' | 'decided_at' | 'decision_note' | 'observation_id' | 'patient_conflict' | 'flags' | 'comments'> & {
  patient_conflict: number;
  flags: string;
  comments: string;
};

/** A reading ready to store once its journal entry has a sequence number. */
export type PreparedReading = Omit<NewDeviceReading, 'journal_seq'>;

/**
 * Which waiting readings a new one replaces: of the same measurement ('measurement': a monitor or
 * oximeter, whose every message carries a new order number), or of the same measurement and sample
 * ('sample': a lab analyzer, where another sample is another result).
 */
export type SupersedeRule = 'measurement' | 'sample';

export interface ProcessedJournalEntry {
  seq: number;
  readings: NewDeviceReading[];
  error: string | null;
  supersede: SupersedeRule;
}

const READING_COLUMNS = [
  'id', 'journal_seq', 'device_id', 'patient_id', 'encounter_id', 'order_id', 'message_patient_id',
  'message_patient_match', 'patient_conflict', 'sample_id', 'code', 'code_system', 'display', 'loinc',
  'ucum', 'value_text', 'unit', 'flags', 'reference_range', 'comments', 'valid', 'observed_at', 'received_at',
] as const;

const FIND_MANY_SQL = `
  SELECT r.*, d.name AS device_name,
         p.mrn AS patient_mrn, p.given_name AS patient_given_name, p.family_name AS patient_family_name,
         m.mrn AS match_mrn, m.given_name AS match_given_name, m.family_name AS match_family_name
    FROM device_readings r
    JOIN devices d ON d.id = r.device_id
    LEFT JOIN patients p ON p.id = r.patient_id
    LEFT JOIN patients m ON m.id = r.message_patient_match
   WHERE r.id IN (SELECT value FROM json_each(?))`;

/**
 * Captured readings. Processing a journal entry (its readings in, older pending readings of the
 * same measurement superseded, the entry marked processed) is one transaction, so a crash leaves
 * the entry pending and it is processed again on restart, never half.
 */
export class DeviceReadingRepository {
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

  /** Returns the ids of pending readings the new ones superseded. */
  async recordProcessed(entries: readonly ProcessedJournalEntry[], now: string): Promise<string[]> {
    return this.db.transaction().execute(async () => entries.flatMap((entry) => this.recordEntry(entry, now)));
  }

  /**
   * Records one processed journal entry: its readings in, the waiting readings they replace
   * superseded, the entry marked processed (or failed). Synchronous, for use inside a transaction
   * the caller holds (the journal's own commit, or `recordProcessed`). Returns the superseded ids.
   */
  recordEntry(entry: ProcessedJournalEntry, now: string): string[] {
    const insert = this.statement(
      `INSERT INTO device_readings (${READING_COLUMNS.join(', ')}) VALUES (${READING_COLUMNS.map(() => '?').join(', ')})`,
    );
    // A newer reading of the same measurement, for the same patient (and for a lab, the same
    // sample), replaces the one still waiting: a monitor's stream shows (and charts) its latest value.
    const bySample = this.statement(
      `SELECT id FROM device_readings
        WHERE device_id = ? AND code = ? AND status = 'pending' AND id <> ?
          AND patient_id IS ? AND encounter_id IS ? AND sample_id IS ? AND journal_seq < ?`,
    );
    const byMeasurement = this.statement(
      `SELECT id FROM device_readings
        WHERE device_id = ? AND code = ? AND status = 'pending' AND id <> ?
          AND patient_id IS ? AND encounter_id IS ? AND journal_seq < ?`,
    );
    const supersede = this.statement(`UPDATE device_readings SET status = 'superseded', decided_at = ? WHERE id = ?`);
    const done = this.statement(
      `UPDATE device_journal SET status = ?, error = ?, reading_count = ?, processed_at = ? WHERE seq = ? AND status = 'pending'`,
    );
    const superseded: string[] = [];
    for (const r of entry.readings) {
      insert.run(...READING_COLUMNS.map((c) => r[c]));
      const older = (
        entry.supersede === 'sample'
          ? bySample.all(r.device_id, r.code, r.id, r.patient_id, r.encounter_id, r.sample_id, r.journal_seq)
          : byMeasurement.all(r.device_id, r.code, r.id, r.patient_id, r.encounter_id, r.journal_seq)
      ) as { id: string }[];
      for (const o of older) {
        supersede.run(now, o.id);
        superseded.push(o.id);
      }
    }
    done.run(entry.error === null ? 'processed' : 'failed', entry.error, entry.readings.length, now, entry.seq);
    return superseded;
  }

  private view() {
    return this.db
      .selectFrom('device_readings as r')
      .innerJoin('devices as d', 'd.id', 'r.device_id')
      .leftJoin('patients as p', 'p.id', 'r.patient_id')
      .leftJoin('patients as m', 'm.id', 'r.message_patient_match')
      .selectAll('r')
      .select([
        'd.name as device_name',
        'p.mrn as patient_mrn',
        'p.given_name as patient_given_name',
        'p.family_name as patient_family_name',
        'm.mrn as match_mrn',
        'm.given_name as match_given_name',
        'm.family_name as match_family_name',
      ]);
  }

  /**
   * Readings by id, with device and patient names. On a statement prepared once (it runs after
   * every device message to announce its readings); inside a transaction of this repository's
   * caller it runs at once, otherwise it waits for any write transaction in progress.
   */
  findMany(ids: readonly string[]): Promise<DeviceReadingView[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const run = () => this.statement(FIND_MANY_SQL).all(JSON.stringify(ids)) as DeviceReadingView[];
    if (this.db.isTransaction || !this.raw.inTransaction) return Promise.resolve(run());
    return this.db.connection().execute(async () => run());
  }

  pending(filter: { encounterId?: string; patientId?: string; includeUnassigned: boolean; limit: number }): Promise<DeviceReadingView[]> {
    let q = this.view().where('r.status', '=', 'pending');
    q = q.where((eb) => {
      const ors = [];
      if (filter.encounterId) ors.push(eb('r.encounter_id', '=', filter.encounterId));
      if (filter.patientId) ors.push(eb('r.patient_id', '=', filter.patientId), eb('r.message_patient_match', '=', filter.patientId));
      if (filter.includeUnassigned) ors.push(eb('r.patient_id', 'is', null));
      if (!filter.encounterId && !filter.patientId && !filter.includeUnassigned) return eb.lit(true);
      return eb.or(ors);
    });
    return q.orderBy('r.received_at', 'desc').orderBy('r.id', 'desc').limit(filter.limit).execute();
  }

  countPendingByEncounter(encounterIds: readonly string[]): Promise<Map<string, number>> {
    if (encounterIds.length === 0) return Promise.resolve(new Map());
    return this.db
      .selectFrom('device_readings')
      .select(['encounter_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'pending')
      .where('encounter_id', 'in', encounterIds)
      .groupBy('encounter_id')
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.encounter_id!, Number(r.n)])));
  }

  /**
   * Marks readings decided, only if nobody decided them yet; returns how many changed. A reading a
   * newer one superseded may still be accepted: the clinician charts the value they saw.
   */
  async decide(
    trx: Kysely<Database>,
    changes: { id: string; status: CaptureStatus; observationId: string | null; patientId?: string; encounterId?: string | null }[],
    by: string,
    note: string | null,
    now: string,
  ): Promise<number> {
    let n = 0;
    for (const c of changes) {
      const result = await trx
        .updateTable('device_readings')
        .set({
          status: c.status,
          observation_id: c.observationId,
          decided_by: by,
          decided_at: now,
          decision_note: note,
          ...(c.patientId ? { patient_id: c.patientId } : {}),
          ...(c.encounterId !== undefined ? { encounter_id: c.encounterId } : {}),
        })
        .where('id', '=', c.id)
        .where('status', 'in', ['pending', 'superseded'])
        .executeTakeFirst();
      n += Number(result.numUpdatedRows);
    }
    return n;
  }
}
