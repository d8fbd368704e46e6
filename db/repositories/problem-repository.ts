import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { MedicationStatement, Problem } from '../../common/domain/problems';
import type { Database, MedicationStatementsTable, ProblemsTable } from '../schema';
import { updateAtVersion } from './update-at-version';

const STATUS_ORDER = { active: 0, inactive: 1, resolved: 2, 'entered-in-error': 3 } as const;
const MEDICATION_STATUS_ORDER = { active: 0, stopped: 1, 'entered-in-error': 2 } as const;

/** The problem list and current medications of patients: the patient's standing clinical facts. */
export class ProblemRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private problems() {
    return this.db
      .selectFrom('problems as p')
      .leftJoin('users as u', 'u.id', 'p.recorded_by')
      .selectAll('p')
      .select('u.display_name as recorded_by_name')
      .where('p.deleted', '=', 0);
  }

  async findProblem(id: string): Promise<Problem | undefined> {
    const row = await this.problems().where('p.id', '=', id).executeTakeFirst();
    return row && toProblem(row);
  }

  /** Active first, then inactive, resolved and entered in error; newest first within each. */
  async problemsOf(patientId: string, options: { includeEnteredInError: boolean }): Promise<Problem[]> {
    let q = this.problems().where('p.patient_id', '=', patientId);
    if (!options.includeEnteredInError) q = q.where('p.status', '<>', 'entered-in-error');
    const rows = await q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(1000).execute();
    return rows.map(toProblem).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  }

  /** The live problems among `ids`, with their patient (to check a link stays within one patient). */
  problemsById(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('problems').select(['id', 'patient_id', 'status']).where('id', 'in', ids).where('deleted', '=', 0).execute();
  }

  async insertProblem(row: Insertable<ProblemsTable>): Promise<void> {
    await this.db.insertInto('problems').values(row).execute();
  }

  updateProblem(id: string, expectedVersion: number, changes: Updateable<ProblemsTable>, now: string): Promise<boolean> {
    return updateAtVersion(this.db, 'problems', id, expectedVersion, changes, now);
  }

  private medications() {
    return this.db
      .selectFrom('medication_statements as m')
      .leftJoin('users as u', 'u.id', 'm.recorded_by')
      .selectAll('m')
      .select('u.display_name as recorded_by_name')
      .where('m.deleted', '=', 0);
  }

  async findMedication(id: string): Promise<MedicationStatement | undefined> {
    const row = await this.medications().where('m.id', '=', id).executeTakeFirst();
    return row && toMedication(row);
  }

  /** Taking first, then stopped; entered-in-error rows are left out. */
  async medicationsOf(patientId: string, options: { includeStopped: boolean }): Promise<MedicationStatement[]> {
    const statuses = options.includeStopped ? (['active', 'stopped'] as const) : (['active'] as const);
    const rows = await this.medications()
      .where('m.patient_id', '=', patientId)
      .where('m.status', 'in', statuses)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(1000)
      .execute();
    return rows.map(toMedication).sort((a, b) => MEDICATION_STATUS_ORDER[a.status] - MEDICATION_STATUS_ORDER[b.status]);
  }

  async insertMedication(row: Insertable<MedicationStatementsTable>): Promise<void> {
    await this.db.insertInto('medication_statements').values(row).execute();
  }

  updateMedication(id: string, expectedVersion: number, changes: Updateable<MedicationStatementsTable>, now: string): Promise<boolean> {
    return updateAtVersion(this.db, 'medication_statements', id, expectedVersion, changes, now);
  }
}

type ProblemView = Selectable<ProblemsTable> & { recorded_by_name: string | null };
type MedicationView = Selectable<MedicationStatementsTable> & { recorded_by_name: string | null };

function toProblem(r: ProblemView): Problem {
  return {
    id: r.id,
    patientId: r.patient_id,
    encounterId: r.encounter_id,
    condition: r.condition,
    codeSystem: r.code_system === 'snomed-ct' || r.code_system === 'icd-10' ? r.code_system : null,
    code: r.code,
    onsetDate: r.onset_date,
    status: r.status,
    resolvedDate: r.resolved_date,
    notes: r.notes,
    recordedByName: r.recorded_by_name,
    recordedAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function toMedication(r: MedicationView): MedicationStatement {
  return {
    id: r.id,
    patientId: r.patient_id,
    encounterId: r.encounter_id,
    drug: r.drug,
    dose: r.dose,
    unit: r.unit,
    route: r.route,
    frequency: r.frequency,
    startedOn: r.started_on,
    stoppedOn: r.stopped_on,
    status: r.status,
    recordedByName: r.recorded_by_name,
    recordedAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
