import { describe, expect, it } from 'vitest';
import {
  IDS,
  insertContact,
  insertIdentifier,
  insertLocation,
  insertOrganization,
  insertPatient,
  insertSetting,
  insertUser,
} from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, expectUsesIndex, useMigrationStores } from '../../support/migration-test-kit';
import { expectRefused, type TempStore } from '../../support/temp-store';

const NEW_TABLES = ['patient_contacts', 'patient_identifiers', 'patients'];

const stores = useMigrationStores();

/** A store at version 1 holding a clinic, a location, a user and a setting, then migration 2. */
function migratedFromOne(): TempStore {
  return stores.migrated({
    to: 2,
    absent: NEW_TABLES,
    seed: (raw) => {
      insertOrganization(raw);
      insertLocation(raw);
      insertUser(raw);
      insertSetting(raw);
    },
  });
}

describe('migration 0002 patients', () => {
  it('adds patients with identifiers and contacts, keeping the version-1 data', () => {
    const { raw } = migratedFromOne();
    expectSchema(raw, {
      synced: NEW_TABLES,
      indexes: {
        patients: ['patients_by_birth_date', 'patients_by_family_name'],
        patient_identifiers: ['patient_identifiers_by_patient'],
        patient_contacts: ['patient_contacts_by_patient'],
      },
      foreignKeys: {
        patients: { organization_id: 'organizations', merged_into_id: 'patients' },
        patient_identifiers: { patient_id: 'patients' },
        patient_contacts: { patient_id: 'patients' },
      },
    });

    expect(raw.prepare('SELECT name FROM organizations').all()).toEqual([{ name: 'Riverside Clinic' }]);
    expect(raw.prepare('SELECT username, role FROM users').all()).toEqual([{ username: 'admin', role: 'admin' }]);
    expect(raw.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
  });

  it('stores a patient with an identifier and a contact, version 1, not deleted, active', () => {
    const { raw } = migratedFromOne();
    insertPatient(raw);
    insertIdentifier(raw);
    insertContact(raw);

    expectSyncedRowRules(raw, [['patients', IDS.patient], ['patient_identifiers', IDS.identifier], ['patient_contacts', IDS.contact]]);
    expect(raw.prepare('SELECT given_name, family_name, active, merged_into_id FROM patients').get()).toEqual({
      given_name: 'Émilie',
      family_name: 'Lefèvre',
      active: 1,
      merged_into_id: null,
    });
  });

  it('refuses duplicate MRNs and identifiers, unknown codes and dangling references', () => {
    const { raw } = migratedFromOne();
    insertPatient(raw);
    insertIdentifier(raw);
    expectRefused(() => insertPatient(raw, { id: IDS.otherPatient }), 'UNIQUE'); // same MRN
    expectRefused(() => insertPatient(raw, { id: IDS.otherPatient, mrn: 'MRN000002', sex: 'F' }), 'CHECK');
    expectRefused(() => insertPatient(raw, { id: IDS.otherPatient, mrn: 'MRN000002', organization_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertPatient(raw, { id: IDS.otherPatient, mrn: 'MRN000002', merged_into_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertIdentifier(raw, { id: IDS.unknown }), 'UNIQUE'); // same system and value
    expectRefused(() => insertIdentifier(raw, { id: IDS.unknown, value: 'X-1', system: 'passport' }), 'CHECK');
    expectRefused(() => insertIdentifier(raw, { id: IDS.unknown, value: 'X-1', patient_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertContact(raw, { kind: 'friend' }), 'CHECK');
    expectRefused(() => insertContact(raw, { patient_id: IDS.unknown }), 'FOREIGN KEY');

    // Merging points one record at another; a merged record is never deleted.
    insertPatient(raw, { id: IDS.otherPatient, mrn: 'MRN000002', merged_into_id: IDS.patient, active: 0 });
    expectRefused(() => raw.prepare('DELETE FROM patients WHERE id = ?').run(IDS.patient), 'FOREIGN KEY');
  });

  it('finds patients by family name regardless of (ASCII) case, through the index', () => {
    const { raw } = migratedFromOne();
    insertPatient(raw, { family_name: 'Okafor' });
    const byFamilyName = 'SELECT id FROM patients WHERE family_name = ? COLLATE NOCASE';
    expect(raw.prepare(byFamilyName).all('OKAFOR')).toEqual([{ id: IDS.patient }]);
    expectUsesIndex(raw, byFamilyName, 'patients_by_family_name', 'OKAFOR');
  });
});
