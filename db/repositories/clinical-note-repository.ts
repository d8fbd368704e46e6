import type { Kysely, Selectable } from 'kysely';
import type { ClinicalNotesTable, Database } from '../schema';

export type ClinicalNoteRow = Selectable<ClinicalNotesTable> & { author_name: string };

export interface SoapContent {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

/** SOAP notes. Signed notes are final: only drafts are written, and the database holds that too. */
export class ClinicalNoteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private select() {
    return this.db
      .selectFrom('clinical_notes as n')
      .innerJoin('users as u', 'u.id', 'n.author_id')
      .selectAll('n')
      .select('u.display_name as author_name')
      .where('n.deleted', '=', 0);
  }

  find(id: string): Promise<ClinicalNoteRow | undefined> {
    return this.select().where('n.id', '=', id).executeTakeFirst();
  }

  /** Oldest first: an amendment always comes after the note it corrects. */
  list(filter: { encounterId: string } | { patientId: string }): Promise<ClinicalNoteRow[]> {
    const q = 'encounterId' in filter ? this.select().where('n.encounter_id', '=', filter.encounterId) : this.select().where('n.patient_id', '=', filter.patientId);
    return q.orderBy('n.created_at').orderBy('n.id').limit(1000).execute();
  }

  /** Ids of the notes amending each of `ids`. */
  async amendmentsOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const byNote = new Map<string, string[]>();
    if (ids.length === 0) return byNote;
    const rows = await this.db
      .selectFrom('clinical_notes')
      .select(['id', 'amends_note_id'])
      .where('amends_note_id', 'in', ids)
      .where('deleted', '=', 0)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const r of rows) byNote.set(r.amends_note_id!, [...(byNote.get(r.amends_note_id!) ?? []), r.id]);
    return byNote;
  }

  async insertDraft(note: {
    id: string;
    patientId: string;
    encounterId: string;
    authorId: string;
    content: SoapContent;
    amendsNoteId: string | null;
    amendmentReason: string | null;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('clinical_notes')
      .values({
        id: note.id,
        patient_id: note.patientId,
        encounter_id: note.encounterId,
        author_id: note.authorId,
        ...note.content,
        signed_at: null,
        signed_by: null,
        amends_note_id: note.amendsNoteId,
        amendment_reason: note.amendmentReason,
        created_at: note.now,
        updated_at: note.now,
      })
      .execute();
  }

  /** Saves a draft still at `expectedVersion`; false when it changed, was signed or is gone. */
  async updateDraft(id: string, expectedVersion: number, content: SoapContent, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('clinical_notes')
      .set((eb) => ({ ...content, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'draft')
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async sign(id: string, expectedVersion: number, signedBy: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('clinical_notes')
      .set((eb) => ({ status: 'signed', signed_at: now, signed_by: signedBy, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'draft')
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A signed note superseded by its signed amendment; false if it was no longer 'signed'. */
  async markAmended(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('clinical_notes')
      .set((eb) => ({ status: 'amended', updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'signed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
