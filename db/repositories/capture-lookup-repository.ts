import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { PreparedStatements } from '../prepared-statements';
import type { SqliteConnection } from '../sqlite-driver';

export interface EncounterPatient {
  id: string;
  patient_id: string;
  mrn: string;
}

const ENCOUNTER_BY_ID = `
  SELECT e.id, e.patient_id, p.mrn FROM encounters e JOIN patients p ON p.id = e.patient_id
   WHERE e.id = ? AND e.deleted = 0 AND e.status IN ('planned', 'in_progress')`;
const ENCOUNTER_IN_ROOM = `
  SELECT e.id, e.patient_id, p.mrn FROM encounters e JOIN patients p ON p.id = e.patient_id
   WHERE e.location_id = ? AND e.deleted = 0 AND e.status = 'in_progress'
   ORDER BY e.started_at DESC LIMIT 1`;
const LAB_ORDER_BY_SAMPLE = `
  SELECT id, patient_id FROM orders WHERE sample_id = ? AND kind = 'lab' AND deleted = 0
   ORDER BY created_at DESC LIMIT 1`;
const PATIENT_BY_MRN = `SELECT id FROM patients WHERE mrn = ? AND deleted = 0`;
const OPEN_ENCOUNTER_OF = `
  SELECT id FROM encounters WHERE patient_id = ? AND deleted = 0 AND status IN ('planned', 'in_progress')
   ORDER BY created_at DESC LIMIT 1`;

/**
 * The reads that decide where a device reading goes, on statements prepared once: they run for
 * every message a device sends, where preparing each query anew (as Kysely does) would cost more
 * than the query. Like the patient search, a read waits for a write transaction in progress.
 */
export class CaptureLookupRepository {
  private readonly statements: PreparedStatements;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly raw: SqliteConnection,
  ) {
    this.statements = new PreparedStatements(raw);
  }

  private get(sql: string, ...params: unknown[]): Promise<unknown> {
    const run = this.statements.get(sql);
    if (!this.raw.inTransaction) return Promise.resolve(run.get(...params));
    return this.db.connection().execute(async () => run.get(...params));
  }

  async encounterById(id: string): Promise<EncounterPatient | null> {
    return ((await this.get(ENCOUNTER_BY_ID, id)) as EncounterPatient | undefined) ?? null;
  }

  /** The encounter in progress in a room (the most recently started, if several). */
  async encounterInRoom(locationId: string): Promise<EncounterPatient | null> {
    return ((await this.get(ENCOUNTER_IN_ROOM, locationId)) as EncounterPatient | undefined) ?? null;
  }

  async labOrderBySample(sampleId: string): Promise<{ id: string; patient_id: string } | null> {
    return ((await this.get(LAB_ORDER_BY_SAMPLE, sampleId)) as { id: string; patient_id: string } | undefined) ?? null;
  }

  async patientByMrn(mrn: string): Promise<{ id: string } | null> {
    return ((await this.get(PATIENT_BY_MRN, mrn)) as { id: string } | undefined) ?? null;
  }

  async openEncounterOf(patientId: string): Promise<string | null> {
    return ((await this.get(OPEN_ENCOUNTER_OF, patientId)) as { id: string } | undefined)?.id ?? null;
  }
}
