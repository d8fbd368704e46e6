import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { PreparedStatements } from '../prepared-statements';
import type { SqliteConnection } from '../sqlite-driver';

/** Observations that count in the chart (not withdrawn). */
const LIVE_OBSERVATION = `deleted = 0 AND status NOT IN ('cancelled', 'entered-in-error')`;

export interface SeriesRow {
  id: string;
  observed_at: string;
  value_text: string | null;
  value_numeric: number | null;
  unit: string | null;
  source: 'manual' | 'device' | 'import';
  interpretation: string | null;
  reference_range: string | null;
}

const SERIES_RANGE = `
    FROM observations INDEXED BY observations_chart_by_code
   WHERE patient_id = @patient AND code = @code AND observed_at >= @from AND observed_at <= @to AND ${LIVE_OBSERVATION}`;

/** How many observations of one measure lie in a range: counted in the covering index. */
export const SERIES_COUNT_SQL = `SELECT count(*) AS n ${SERIES_RANGE}`;

/**
 * The rows one bucket of a downsampled series keeps: its lowest, highest and last value. Each part
 * is a short range scan (or one seek) of the covering index without sorting (SQLite returns the
 * bare rowid of the row holding a lone min()/max()), so only three rowids per bucket cross into
 * JavaScript, never the tens of thousands of index entries.
 */
const BUCKET_RANGE = `
    FROM observations INDEXED BY observations_chart_by_code
   WHERE patient_id = @patient AND code = @code AND observed_at >= @from AND observed_at <= @to AND ${LIVE_OBSERVATION}`;
export const BUCKET_PICK_SQL = `
  SELECT rid FROM (SELECT rowid AS rid, min(value_numeric) ${BUCKET_RANGE} AND value_numeric IS NOT NULL)
  UNION ALL SELECT rid FROM (SELECT rowid AS rid, max(value_numeric) ${BUCKET_RANGE} AND value_numeric IS NOT NULL)
  UNION ALL SELECT rid FROM (SELECT rowid AS rid ${BUCKET_RANGE} ORDER BY observed_at DESC LIMIT 1)`;

const SERIES_FIRST_SQL = `SELECT min(observed_at) AS t ${SERIES_RANGE}`;
const SERIES_LAST_SQL = `SELECT max(observed_at) AS t ${SERIES_RANGE}`;

/** Every rowid of one measure in a range, oldest first (a series under the cap). */
const SERIES_ROWIDS_SQL = `SELECT rowid AS rid ${SERIES_RANGE} ORDER BY observed_at`;

/** The whole rows of the points kept (at most FLOWSHEET_MAX_POINTS), by rowid. */
const SERIES_ROWS_SQL = `
  SELECT id, observed_at, value_text, value_numeric, unit, source, interpretation, reference_range
    FROM observations WHERE rowid IN (SELECT value FROM json_each(?))
   ORDER BY observed_at, rowid`;

/** Every row of one measure in a range: what a flowsheet without the covering index would read (the benchmark's baseline). */
export const SERIES_SQL = `
  SELECT id, observed_at, value_text, value_numeric, unit, source, interpretation, reference_range
    FROM observations
   WHERE patient_id = ? AND code = ? AND observed_at >= ? AND observed_at <= ? AND ${LIVE_OBSERVATION}
   ORDER BY observed_at`;

const LATEST_OF_CODE = `
  SELECT code, display, value_text, unit, observed_at, interpretation
    FROM observations INDEXED BY observations_chart_by_code
   WHERE patient_id = ? AND code = ? AND ${LIVE_OBSERVATION}
   ORDER BY observed_at DESC LIMIT 1`;

const PATIENT = `SELECT id FROM patients WHERE id = ? AND deleted = 0`;
const ACTIVE_PROBLEMS = `
  SELECT id, condition, onset_date FROM problems WHERE patient_id = ? AND deleted = 0 AND status = 'active' ORDER BY created_at, id`;
const ACTIVE_ALLERGIES = `
  SELECT id, allergen, reaction, severity FROM allergies WHERE patient_id = ? AND deleted = 0 AND status = 'active' ORDER BY created_at, id`;
const ACTIVE_MEDICATIONS = `
  SELECT id, drug, dose, unit FROM medication_statements WHERE patient_id = ? AND deleted = 0 AND status = 'active' ORDER BY created_at, id`;
const ACTIVE_MEDICATION_ORDERS = `
  SELECT id, display, details FROM orders WHERE patient_id = ? AND deleted = 0 AND kind = 'medication' AND status = 'active' ORDER BY created_at, id`;
const OPEN_ORDERS = `SELECT count(*) AS n FROM orders WHERE patient_id = ? AND deleted = 0 AND status IN ('draft', 'active')`;
const OPEN_ACTIVITIES = `
  SELECT count(*) AS open, coalesce(sum(a.due_date IS NOT NULL AND a.due_date < ?), 0) AS overdue
    FROM care_plans p JOIN care_plan_activities a ON a.care_plan_id = p.id
   WHERE p.patient_id = ? AND p.deleted = 0 AND p.status IN ('draft', 'active')
     AND a.deleted = 0 AND a.status IN ('not-started', 'in-progress')`;
const LAST_ENCOUNTER = `
  SELECT id, status, coalesce(started_at, created_at) AS time, chief_complaint FROM encounters
   WHERE patient_id = ? AND deleted = 0 AND status <> 'cancelled'
   ORDER BY time DESC, id DESC LIMIT 1`;

export interface TimelineRow {
  time: string;
  id: string;
  title: string;
  detail: string | null;
  status: string | null;
  encounter_id: string | null;
  order_id: string | null;
}

/**
 * One statement per kind, each bounded: rows strictly before the cursor (time, then id), newest
 * first, at most `limit`. The id bound is computed per kind by the caller (see `idBoundFor`).
 */
const ROW_KINDS = {
  encounter: `
    SELECT coalesce(started_at, created_at) AS time, id, coalesce(chief_complaint, '') AS title, NULL AS detail, status,
           id AS encounter_id, NULL AS order_id
      FROM encounters WHERE patient_id = @patient AND deleted = 0`,
  order: `
    SELECT created_at AS time, id, display AS title, kind || coalesce(' · ' || accession_number, '') || coalesce(' · ' || priority, '') AS detail,
           status, encounter_id, id AS order_id
      FROM orders WHERE patient_id = @patient AND deleted = 0`,
  plan: `
    SELECT created_at AS time, id, title, description AS detail, status, encounter_id, NULL AS order_id
      FROM care_plans WHERE patient_id = @patient AND deleted = 0`,
  note: `
    SELECT coalesce(signed_at, created_at) AS time, id, 'SOAP note' AS title, substr(assessment, 1, 200) AS detail, status,
           encounter_id, NULL AS order_id
      FROM clinical_notes WHERE patient_id = @patient AND deleted = 0`,
  problem: `
    SELECT created_at AS time, id, condition AS title, onset_date AS detail, status, encounter_id, NULL AS order_id
      FROM problems WHERE patient_id = @patient AND deleted = 0`,
  allergy: `
    SELECT created_at AS time, id, allergen AS title, trim(coalesce(reaction, '') || ' · ' || severity, ' ·') AS detail, status,
           NULL AS encounter_id, NULL AS order_id
      FROM allergies WHERE patient_id = @patient AND deleted = 0`,
} as const;
export type TimelineRowKind = keyof typeof ROW_KINDS;

const rowKindSql = (kind: TimelineRowKind) => `
  SELECT * FROM (${ROW_KINDS[kind]})
   WHERE time >= @from AND (time < @upper OR (time = @upper AND id < @idBound))
   ORDER BY time DESC, id DESC LIMIT @limit`;

export interface ObservationGroupRow {
  time: string;
  /** display (or code) \u001f value \u001f unit, one per observation, joined by \u001e. */
  items: string;
  encounter_id: string | null;
  order_id: string | null;
}

/** The codes as SQL literals: a partial index is used only when the query repeats its WHERE literally. */
function codeList(codes: readonly string[]): string {
  return codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
}

/**
 * Observations grouped by the time they were taken (a set of vitals, a lab panel), newest first,
 * stopping after `limit` groups. Vitals (`codes`) scan observations_by_patient_time backwards;
 * results (every other code) scan observations_results_by_time, so a long run of monitor readings
 * is never walked through to find the lab results between them. `strict` decides whether the
 * upper time itself still belongs to the page.
 */
const groupSql = (vitals: boolean, codes: readonly string[], strict: boolean) => `
  SELECT observed_at AS time,
         group_concat(coalesce(display, code) || char(31) || coalesce(value_text, '') || char(31) || coalesce(unit, ''), char(30)) AS items,
         max(encounter_id) AS encounter_id, max(order_id) AS order_id
    FROM observations INDEXED BY ${vitals ? 'observations_by_patient_time' : 'observations_results_by_time'}
   WHERE patient_id = ? AND observed_at >= ? AND observed_at ${strict ? '<' : '<='} ?
     AND code ${vitals ? 'IN' : 'NOT IN'} (${codeList(codes)})
     AND ${LIVE_OBSERVATION}
   GROUP BY observed_at ORDER BY observed_at DESC LIMIT ?`;

/** The results query's text, for the migration test's query plan check. */
export const RESULT_GROUPS_SQL = (codes: readonly string[]) => groupSql(false, codes, false);

/**
 * The chart's reads on statements prepared once, because a chart opens often and preparing a
 * query anew (as Kysely does) costs as much as running these. A whole chart read runs in one
 * synchronous block (`read`), so it is one consistent snapshot and never sees a write
 * transaction half done: like the patient search, it waits for one in progress.
 */
export class ChartRepository {
  private readonly statements: PreparedStatements;
  private readonly reader: ChartReader;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly raw: SqliteConnection,
  ) {
    this.statements = new PreparedStatements(raw);
    this.reader = new ChartReader(this.statements);
  }

  read<T>(fn: (reader: ChartReader) => T): Promise<T> {
    if (!this.raw.inTransaction) return Promise.resolve(fn(this.reader));
    return this.db.connection().execute(async () => fn(this.reader));
  }
}

export class ChartReader {
  constructor(private readonly statements: PreparedStatements) {}

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.statements.get(sql).all(...params) as T[];
  }
  private get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.statements.get(sql).get(...params) as T | undefined;
  }

  patientExists(patientId: string): boolean {
    return this.get(PATIENT, patientId) !== undefined;
  }

  seriesCount(patientId: string, code: string, from: string, to: string): number {
    return this.get<{ n: number }>(SERIES_COUNT_SQL, { patient: patientId, code, from, to })?.n ?? 0;
  }

  /** The first or last time of a non-empty series in a range (one index seek). */
  seriesEdge(patientId: string, code: string, from: string, to: string, edge: 'first' | 'last'): string {
    return this.get<{ t: string }>(edge === 'first' ? SERIES_FIRST_SQL : SERIES_LAST_SQL, { patient: patientId, code, from, to })?.t ?? from;
  }

  /** Rowids of the whole series (under the cap), oldest first. */
  seriesRowids(patientId: string, code: string, from: string, to: string): number[] {
    return this.all<{ rid: number }>(SERIES_ROWIDS_SQL, { patient: patientId, code, from, to }).map((r) => r.rid);
  }

  /** Rowids of each bucket's lowest, highest and last value (an empty bucket gives none). */
  bucketPicks(patientId: string, code: string, buckets: readonly { from: string; to: string }[]): number[] {
    const picked = new Set<number>();
    for (const bucket of buckets) {
      for (const row of this.all<{ rid: number | null }>(BUCKET_PICK_SQL, { patient: patientId, code, ...bucket })) {
        if (row.rid !== null) picked.add(row.rid);
      }
    }
    return [...picked];
  }

  seriesRows(rowids: readonly number[]): SeriesRow[] {
    return rowids.length === 0 ? [] : this.all<SeriesRow>(SERIES_ROWS_SQL, JSON.stringify(rowids));
  }

  latestOf(patientId: string, code: string) {
    return this.get<{ code: string; display: string | null; value_text: string | null; unit: string | null; observed_at: string; interpretation: string | null }>(
      LATEST_OF_CODE, patientId, code,
    );
  }

  activeProblems(patientId: string) {
    return this.all<{ id: string; condition: string; onset_date: string | null }>(ACTIVE_PROBLEMS, patientId);
  }
  activeAllergies(patientId: string) {
    return this.all<{ id: string; allergen: string; reaction: string | null; severity: string }>(ACTIVE_ALLERGIES, patientId);
  }
  activeMedications(patientId: string) {
    return this.all<{ id: string; drug: string; dose: string | null; unit: string | null }>(ACTIVE_MEDICATIONS, patientId);
  }
  activeMedicationOrders(patientId: string) {
    return this.all<{ id: string; display: string; details: string }>(ACTIVE_MEDICATION_ORDERS, patientId);
  }
  openOrderCount(patientId: string): number {
    return this.get<{ n: number }>(OPEN_ORDERS, patientId)?.n ?? 0;
  }
  openActivities(patientId: string, today: string): { open: number; overdue: number } {
    return this.get<{ open: number; overdue: number }>(OPEN_ACTIVITIES, today, patientId) ?? { open: 0, overdue: 0 };
  }
  lastEncounter(patientId: string) {
    return this.get<{ id: string; status: string; time: string; chief_complaint: string | null }>(LAST_ENCOUNTER, patientId);
  }

  /** Rows of one kind strictly before (upperTime, idBound), newest first. */
  rowsOfKind(kind: TimelineRowKind, patientId: string, from: string, upperTime: string, idBound: string, limit: number): TimelineRow[] {
    return this.all<TimelineRow>(rowKindSql(kind), { patient: patientId, from, upper: upperTime, idBound, limit });
  }

  /** Observation groups (vitals or results) before upperTime (or at it unless strict), newest first. */
  observationGroups(vitals: boolean, codes: readonly string[], patientId: string, from: string, upperTime: string, strict: boolean, limit: number): ObservationGroupRow[] {
    return this.all<ObservationGroupRow>(groupSql(vitals, codes, strict), patientId, from, upperTime, limit);
  }
}
