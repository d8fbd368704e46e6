import type { Kysely } from 'kysely';
import type { documentationContract } from '../../../common/contract/documentation.contract';
import { isEmptyNote, type ClinicalNote } from '../../../common/domain/clinical-notes';
import type { Handlers, HandlerContext } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { ClinicalNoteRepository, type ClinicalNoteRow } from '../../../db/repositories/clinical-note-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import { callerOf, encounterFor, requireOpen } from './encounter-access';

type NoteContract = Pick<typeof documentationContract, 'notes.list' | 'notes.saveDraft' | 'notes.sign' | 'notes.amend'>;

export interface NoteDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * SOAP notes: an author drafts, signs (physicians), and corrects a signed note only by an
 * amendment, a new note pointing back with a reason. Signing the amendment marks the original
 * 'amended'; both stay in the record.
 */
export function createNoteHandlers(deps: NoteDeps): Handlers<NoteContract> {
  const now = () => deps.clock.now().toISOString();

  const view = async (db: Kysely<Database>, id: string): Promise<ClinicalNote> => {
    const repo = new ClinicalNoteRepository(db);
    const row = (await repo.find(id))!;
    return toNote(row, (await repo.amendmentsOf([id])).get(id) ?? []);
  };

  /** The note, with the audit naming its patient. */
  const noteFor = async (db: Kysely<Database>, id: string, ctx: HandlerContext): Promise<ClinicalNoteRow> => {
    const note = await new ClinicalNoteRepository(db).find(id);
    if (!note) throw new AppError('NOT_FOUND', 'No such note', 'noteId');
    ctx.auditPatient(note.patient_id);
    return note;
  };

  return {
    'notes.list': async (input, ctx) => {
      if (input.encounterId) await encounterFor(deps.db, input.encounterId, ctx);
      const repo = new ClinicalNoteRepository(deps.db);
      const rows = await repo.list(input.encounterId ? { encounterId: input.encounterId } : { patientId: input.patientId! });
      const amendments = await repo.amendmentsOf(rows.map((r) => r.id));
      return rows.map((r) => toNote(r, amendments.get(r.id) ?? []));
    },

    'notes.saveDraft': async (input, ctx) => {
      const userId = callerOf(ctx);
      const content = { subjective: input.subjective, objective: input.objective, assessment: input.assessment, plan: input.plan };
      return deps.db.transaction().execute(async (trx) => {
        const encounter = await encounterFor(trx, input.encounterId, ctx);
        const repo = new ClinicalNoteRepository(trx);
        if (input.noteId === undefined) {
          requireOpen(encounter, 'notes');
          const id = deps.ids.uuid();
          await repo.insertDraft({ id, patientId: encounter.patient_id, encounterId: encounter.id, authorId: userId, content, amendsNoteId: null, amendmentReason: null, now: now() });
          return view(trx, id);
        }
        const note = await noteFor(trx, input.noteId, ctx);
        if (note.encounter_id !== input.encounterId) throw new AppError('VALIDATION', 'That note belongs to another encounter', 'noteId');
        if (note.status !== 'draft') throw new AppError('CONFLICT', 'This note is signed and can no longer be edited; amend it instead', 'noteId');
        if (note.author_id !== userId) throw new AppError('FORBIDDEN', 'Only the author of a draft may edit it', 'noteId');
        if (!(await repo.updateDraft(note.id, input.expectedVersion!, content, now()))) {
          throw new AppError('CONFLICT', 'This draft was changed meanwhile; reload it', 'expectedVersion');
        }
        return view(trx, note.id);
      });
    },

    'notes.sign': async (input, ctx) => {
      const userId = callerOf(ctx);
      return deps.db.transaction().execute(async (trx) => {
        const repo = new ClinicalNoteRepository(trx);
        const note = await noteFor(trx, input.noteId, ctx);
        if (note.status !== 'draft') throw new AppError('CONFLICT', `This note is already ${note.status}`, 'noteId');
        if (note.author_id !== userId) throw new AppError('FORBIDDEN', 'Only the author of a note may sign it', 'noteId');
        if (isEmptyNote(note)) throw new AppError('VALIDATION', 'Write at least one section before signing', 'subjective');
        const at = now();
        if (!(await repo.sign(note.id, input.expectedVersion, userId, at))) {
          throw new AppError('CONFLICT', 'This draft was changed meanwhile; reload it', 'expectedVersion');
        }
        if (note.amends_note_id && !(await repo.markAmended(note.amends_note_id, at))) {
          throw new AppError('CONFLICT', 'The note this amends was amended by someone else meanwhile; amend the newest version', 'noteId');
        }
        return view(trx, note.id);
      });
    },

    'notes.amend': async (input, ctx) => {
      const userId = callerOf(ctx);
      return deps.db.transaction().execute(async (trx) => {
        const original = await noteFor(trx, input.noteId, ctx);
        if (original.status === 'draft') throw new AppError('CONFLICT', 'A draft is edited, not amended', 'noteId');
        if (original.status !== 'signed') throw new AppError('CONFLICT', `This note is ${original.status}; amend its newest version`, 'noteId');
        const id = deps.ids.uuid();
        await new ClinicalNoteRepository(trx).insertDraft({
          id,
          patientId: original.patient_id,
          encounterId: original.encounter_id,
          authorId: userId,
          content: { subjective: original.subjective, objective: original.objective, assessment: original.assessment, plan: original.plan },
          amendsNoteId: original.id,
          amendmentReason: input.reason,
          now: now(),
        });
        return view(trx, id);
      });
    },
  };
}

function toNote(row: ClinicalNoteRow, amendedByNoteIds: string[]): ClinicalNote {
  return {
    id: row.id,
    patientId: row.patient_id,
    encounterId: row.encounter_id,
    kind: row.kind,
    authorId: row.author_id,
    authorName: row.author_name,
    subjective: row.subjective,
    objective: row.objective,
    assessment: row.assessment,
    plan: row.plan,
    status: row.status,
    signedAt: row.signed_at,
    signedBy: row.signed_by,
    amendsNoteId: row.amends_note_id,
    amendmentReason: row.amendment_reason,
    amendedByNoteIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
