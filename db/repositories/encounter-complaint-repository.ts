import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export interface EncounterComplaintRow {
  id: string;
  patient_id: string;
  status: 'planned' | 'in_progress' | 'finished' | 'cancelled';
  chief_complaint: string | null;
  /** JSON array of symptoms. */
  symptoms: string;
  updated_at: string;
}

/** What the clinician recorded about why the patient came: the chief complaint and symptoms. */
export class EncounterComplaintRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(encounterId: string): Promise<EncounterComplaintRow | undefined> {
    return this.db
      .selectFrom('encounters')
      .select(['id', 'patient_id', 'status', 'chief_complaint', 'symptoms', 'updated_at'])
      .where('id', '=', encounterId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
  }

  /** Only while the encounter is open; false when it closed meanwhile. */
  async save(encounterId: string, chiefComplaint: string | null, symptomsJson: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('encounters')
      .set((eb) => ({ chief_complaint: chiefComplaint, symptoms: symptomsJson, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', encounterId)
      .where('status', 'in', ['planned', 'in_progress'])
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
