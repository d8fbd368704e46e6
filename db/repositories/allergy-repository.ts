import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AllergiesTable, Database } from '../schema';

export type AllergyRow = Selectable<AllergiesTable>;

export interface NewAllergy {
  id: string;
  patientId: string;
  allergen: string;
  category: AllergiesTable['category'];
  codeSystem: string | null;
  code: string | null;
  reaction: string | null;
  severity: AllergiesTable['severity'];
  recordedBy: string;
  now: string;
}

const STATUS_ORDER = { active: 0, inactive: 1, 'entered-in-error': 2 } as const;

export class AllergyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(a: NewAllergy): Promise<void> {
    await this.db
      .insertInto('allergies')
      .values({
        id: a.id, patient_id: a.patientId, allergen: a.allergen, category: a.category, code_system: a.codeSystem, code: a.code,
        reaction: a.reaction, severity: a.severity, status: 'active', recorded_by: a.recordedBy, created_at: a.now, updated_at: a.now,
      })
      .execute();
  }

  find(id: string): Promise<AllergyRow | undefined> {
    return this.db.selectFrom('allergies').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  }

  /** Active first, then inactive, then entered in error; by allergen within each. */
  async forPatient(patientId: string, options: { includeInactive: boolean }): Promise<AllergyRow[]> {
    let q = this.db.selectFrom('allergies').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0);
    if (!options.includeInactive) q = q.where('status', '=', 'active');
    const rows = await q.orderBy('allergen').orderBy('id').execute();
    return rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  }

  /** Applies the change only at `expectedVersion`; false when the row changed meanwhile or is gone. */
  async updateAtVersion(id: string, expectedVersion: number, changes: Updateable<AllergiesTable>, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('allergies')
      .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
