import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../db/migrate';
import { IDS, insertOrganization, insertPatient, insertRow, insertUser } from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, expectUsesIndex, useMigrationStores } from '../../support/migration-test-kit';
import { T0, expectEverySyncedTableHasSyncedColumns, expectRefused, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();

/** A store at version 6 with two patients (one inactive, accented names, a phone), then migration 7. */
function migratedFromSix(): TempStore {
  return stores.migrated({
    to: 7,
    absent: ['patient_search', 'patient_changes', 'patient_search_keys', 'patient_name_words'],
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertPatient(raw, { phone: '+1 (555) 555-0134' });
      insertPatient(raw, {
        id: IDS.otherPatient,
        mrn: 'MRN000002',
        given_name: 'José',
        middle_name: 'María',
        family_name: 'O’Brien-Núñez',
        date_of_birth: '1990-12-01',
        sex: 'male',
        active: 0,
      });
    },
  });
}

function search(raw: TempStore['raw'], match: string): string[] {
  return (
    raw
      .prepare('SELECT k.patient_id FROM patient_search s JOIN patient_search_keys k ON k.doc = s.rowid WHERE patient_search MATCH ? ORDER BY k.patient_id')
      .all(match) as { patient_id: string }[]
  ).map((r) => r.patient_id);
}

function insertChange(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertRow(raw, 'patient_changes', {
    id: '3b000000-0000-4000-8000-000000000001',
    patient_id: IDS.patient,
    changed_at: T0,
    user_id: IDS.admin,
    username: 'admin',
    kind: 'updated',
    field: 'phone',
    old_value: null,
    new_value: '+1 555 555 0134',
    related_patient_id: null,
    created_at: T0,
    updated_at: T0,
    ...row,
  });
}

describe('migration 0007 patient-search-and-history', () => {
  it('adds the search index, its keys and vocabulary, and the change history, keeping the patients', () => {
    const { raw } = migratedFromSix();
    expectSchema(raw, {
      synced: ['patient_changes'],
      columns: {
        patient_changes: [
          'id',
          'patient_id',
          'changed_at',
          'user_id',
          'username',
          'kind',
          'field',
          'old_value',
          'new_value',
          'related_patient_id',
          'created_at',
          'updated_at',
          'version',
          'deleted',
        ],
      },
      indexes: {
        patient_changes: ['patient_changes_by_patient'],
        patients: ['patients_by_birth_date', 'patients_by_family_name', 'patients_by_merged_into'],
      },
      foreignKeys: {
        patient_changes: { patient_id: 'patients', user_id: 'users', related_patient_id: 'patients' },
        patient_search_keys: { patient_id: 'patients' },
      },
    });
    expect(raw.prepare('SELECT mrn, given_name FROM patients ORDER BY mrn').all()).toEqual([
      { mrn: 'MRN000001', given_name: 'Émilie' },
      { mrn: 'MRN000002', given_name: 'José' },
    ]);
    expectEverySyncedTableHasSyncedColumns(raw);
  });

  it('backfills the index with folded names, MRN, date of birth, phone digits and the inactive flag', () => {
    const { raw } = migratedFromSix();
    expect(raw.prepare('SELECT count(*) AS n FROM patient_search_keys').get()).toEqual({ n: 2 });
    // Accents and case folded; apostrophe joined; hyphen splits.
    expect(search(raw, '{names}: emilie AND {names}: lefevre')).toEqual([IDS.patient]);
    expect(search(raw, '{names}: obrien AND {names}: nunez AND {names}: maria')).toEqual([IDS.otherPatient]);
    expect(search(raw, '{names}: "lef"*')).toEqual([IDS.patient]);
    expect(search(raw, '{mrn}: mrn000002')).toEqual([IDS.otherPatient]);
    expect(search(raw, '{mrn}: "00000"*')).toEqual([IDS.patient, IDS.otherPatient]);
    expect(search(raw, '{dob}: 19840714')).toEqual([IDS.patient]);
    expect(search(raw, '{phone}: 5550134')).toEqual([IDS.patient]);
    expect(search(raw, '{phone}: 5555550134')).toEqual([IDS.patient]);
    expect(search(raw, '{flags}: inactive')).toEqual([IDS.otherPatient]);
    expect(
      (raw.prepare('SELECT word FROM patient_name_words ORDER BY word').all() as { word: string }[]).map((r) => r.word),
    ).toEqual(['emilie', 'jose', 'lefevre', 'maria', 'nunez', 'obrien']);
  });

  it('records changes with the synced defaults and refuses inconsistent ones', () => {
    const { raw } = migratedFromSix();
    insertChange(raw);
    expectSyncedRowRules(raw, [['patient_changes', '3b000000-0000-4000-8000-000000000001']]);
    insertChange(raw, { id: '3b000000-0000-4000-8000-000000000002', kind: 'merged_into', field: null, related_patient_id: IDS.otherPatient });

    const another = (row: Record<string, unknown>) => () => insertChange(raw, { id: IDS.unknown, ...row });
    expectRefused(another({ kind: 'renamed' }), 'CHECK');
    expectRefused(another({ kind: 'updated', field: null }), 'CHECK'); // an edit names its field
    expectRefused(another({ kind: 'deactivated' }), 'CHECK'); // only edits name a field
    expectRefused(another({ kind: 'merged_into', field: null, related_patient_id: null }), 'CHECK');
    expectRefused(another({ patient_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(another({ changed_at: null }), 'NOT NULL');
    expectRefused(() => raw.prepare('INSERT INTO patient_search_keys (patient_id) VALUES (?)').run(IDS.patient), 'UNIQUE');
  });

  it('finds a patient’s history through the index', () => {
    const { raw } = migratedFromSix();
    insertChange(raw);
    const query = 'SELECT id FROM patient_changes WHERE patient_id = ? ORDER BY changed_at';
    expectUsesIndex(raw, query, 'patient_changes_by_patient', IDS.patient);
  });

  it('migrates an empty store', () => {
    const s = stores.openAt(6);
    migrateTo(s.raw, 7);
    expect(s.raw.prepare('SELECT count(*) AS n FROM patient_search_keys').get()).toEqual({ n: 0 });
    expect(s.raw.prepare("SELECT count(*) AS n FROM patient_search WHERE patient_search MATCH 'x*'").get()).toEqual({ n: 0 });
  });
});
