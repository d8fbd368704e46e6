import { describe, expect, it } from 'vitest';
import {
  IDS,
  insertEncounter,
  insertOrganization,
  insertPatient,
  insertProvider,
  insertRow,
  insertUser,
} from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, useMigrationStores } from '../../support/migration-test-kit';
import { T0, expectRefused, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();

const NOTE = '5a000000-0000-4000-8000-000000000001';
const AMENDMENT = '5a000000-0000-4000-8000-000000000002';
const T1 = '2026-03-02T08:30:00.000Z';

/** A store at version 10 with an encounter that already has a chief complaint, then migration 11. */
function migratedFromTen(): TempStore {
  return stores.migrated({
    to: 11,
    absent: ['clinical_notes'],
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertUser(raw, { id: IDS.nurse, username: 'nina', display_name: 'Nina Nurse', role: 'nurse' });
      insertPatient(raw);
      insertProvider(raw);
      insertEncounter(raw, { chief_complaint: 'Cough' });
    },
  });
}

function insertNote(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertRow(raw, 'clinical_notes', {
    id: NOTE, patient_id: IDS.patient, encounter_id: IDS.encounter, author_id: IDS.admin,
    subjective: 'Dry cough for 3 days', objective: 'Chest clear', assessment: 'Viral bronchitis', plan: 'Fluids',
    created_at: T0, updated_at: T0, ...row,
  });
}

const SIGNED = { status: 'signed', signed_at: T1, signed_by: IDS.admin };

describe('migration 0011 clinical-notes', () => {
  it('adds symptoms to encounters (an empty list for existing ones) and the clinical_notes table', () => {
    const { raw } = migratedFromTen();
    expect(raw.prepare('SELECT chief_complaint, symptoms FROM encounters').get()).toEqual({ chief_complaint: 'Cough', symptoms: '[]' });
    expectSchema(raw, {
      synced: ['clinical_notes'],
      columns: {
        clinical_notes: [
          'id', 'patient_id', 'encounter_id', 'author_id', 'kind', 'subjective', 'objective', 'assessment', 'plan', 'status',
          'signed_at', 'signed_by', 'amends_note_id', 'amendment_reason', 'created_at', 'updated_at', 'version', 'deleted',
        ],
      },
      indexes: { clinical_notes: ['clinical_notes_by_amended_note', 'clinical_notes_by_encounter', 'clinical_notes_by_patient'] },
      foreignKeys: {
        clinical_notes: { patient_id: 'patients', encounter_id: 'encounters', author_id: 'users', signed_by: 'users', amends_note_id: 'clinical_notes' },
      },
    });
    insertNote(raw);
    expect(raw.prepare('SELECT kind, status FROM clinical_notes').get()).toEqual({ kind: 'soap', status: 'draft' });
    expectSyncedRowRules(raw, [['clinical_notes', NOTE]]);
  });

  it('keeps symptoms a JSON list', () => {
    const { raw } = migratedFromTen();
    raw.prepare('UPDATE encounters SET symptoms = ?').run(JSON.stringify([{ name: 'Cough', onset: '', severity: 'mild', duration: '3 days' }]));
    expectRefused(() => raw.prepare(`UPDATE encounters SET symptoms = 'cough'`).run(), 'CHECK');
    expectRefused(() => raw.prepare(`UPDATE encounters SET symptoms = '{}'`).run(), 'CHECK');
  });

  it('a draft is edited freely; a signed note needs its signer, who must be its author', () => {
    const { raw } = migratedFromTen();
    insertNote(raw);
    raw.prepare(`UPDATE clinical_notes SET plan = 'Fluids, rest' WHERE id = ?`).run(NOTE);
    expectRefused(() => raw.prepare(`UPDATE clinical_notes SET status = 'signed' WHERE id = ?`).run(NOTE), 'CHECK');
    expectRefused(() => raw.prepare(`UPDATE clinical_notes SET status = 'signed', signed_at = ?, signed_by = ? WHERE id = ?`).run(T1, IDS.nurse, NOTE), 'CHECK');
    raw.prepare(`UPDATE clinical_notes SET status = 'signed', signed_at = ?, signed_by = ? WHERE id = ?`).run(T1, IDS.admin, NOTE);
    expect(raw.prepare('SELECT status, plan FROM clinical_notes').get()).toEqual({ status: 'signed', plan: 'Fluids, rest' });
  });

  it('refuses to change or delete a signed note in place, whatever writes the file', () => {
    const { raw } = migratedFromTen();
    insertNote(raw, SIGNED);
    for (const change of [`plan = 'Changed'`, `subjective = ''`, `author_id = '${IDS.nurse}'`, `status = 'draft', signed_at = NULL, signed_by = NULL`, `deleted = 1`, `status = 'entered-in-error'`]) {
      expect(() => raw.prepare(`UPDATE clinical_notes SET ${change} WHERE id = ?`).run(NOTE), change).toThrow(/a signed note is never changed in place/);
    }
    expect(() => raw.prepare('DELETE FROM clinical_notes WHERE id = ?').run(NOTE)).toThrow(/a signed note is never deleted/);
    expect(raw.prepare('SELECT plan, status, deleted FROM clinical_notes').get()).toEqual({ plan: 'Fluids', status: 'signed', deleted: 0 });
  });

  it('lets a signed note move to the surviving record of a patient merge, content untouched', () => {
    const { raw } = migratedFromTen();
    insertPatient(raw, { id: IDS.otherPatient, mrn: 'MRN000002' });
    insertNote(raw, SIGNED);
    raw.prepare('UPDATE clinical_notes SET patient_id = ?, version = version + 1, updated_at = ? WHERE id = ?').run(IDS.otherPatient, T1, NOTE);
    expect(raw.prepare('SELECT patient_id, status, version FROM clinical_notes').get()).toEqual({ patient_id: IDS.otherPatient, status: 'signed', version: 2 });
  });

  it('an amendment says why and points back; signing it moves the original to amended, and no further', () => {
    const { raw } = migratedFromTen();
    insertNote(raw, SIGNED);
    expectRefused(() => insertNote(raw, { id: AMENDMENT, amends_note_id: NOTE }), 'CHECK');
    insertNote(raw, { id: AMENDMENT, amends_note_id: NOTE, amendment_reason: 'Wrong plan', plan: 'Antibiotics' });
    raw.prepare(`UPDATE clinical_notes SET status = 'signed', signed_at = ?, signed_by = ? WHERE id = ?`).run(T1, IDS.admin, AMENDMENT);
    raw.prepare(`UPDATE clinical_notes SET status = 'amended', version = version + 1, updated_at = ? WHERE id = ?`).run(T1, NOTE);
    expect(() => raw.prepare(`UPDATE clinical_notes SET status = 'signed' WHERE id = ?`).run(NOTE)).toThrow(/never changed in place/);
    expect(() => raw.prepare(`UPDATE clinical_notes SET plan = 'x' WHERE id = ?`).run(NOTE)).toThrow(/never changed in place/);
    expect(raw.prepare('SELECT id, status, plan, amends_note_id FROM clinical_notes ORDER BY id').all()).toEqual([
      { id: NOTE, status: 'amended', plan: 'Fluids', amends_note_id: null },
      { id: AMENDMENT, status: 'signed', plan: 'Antibiotics', amends_note_id: NOTE },
    ]);
  });
});
