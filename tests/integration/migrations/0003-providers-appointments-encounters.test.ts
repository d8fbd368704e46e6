import { describe, expect, it } from 'vitest';
import {
  IDS,
  insertAppointment,
  insertContact,
  insertEncounter,
  insertIdentifier,
  insertLocation,
  insertOrganization,
  insertPatient,
  insertProvider,
  insertUser,
} from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, useMigrationStores } from '../../support/migration-test-kit';
import { expectRefused, type TempStore } from '../../support/temp-store';

const NEW_TABLES = ['appointments', 'encounters', 'providers'];

const stores = useMigrationStores();

/** A store at version 2 holding a clinic, a user and a patient with identifier and contact, then migration 3. */
function migratedFromTwo(): TempStore {
  return stores.migrated({
    to: 3,
    absent: NEW_TABLES,
    seed: (raw) => {
      insertOrganization(raw);
      insertLocation(raw);
      insertUser(raw, { id: IDS.admin, username: 'physician', role: 'physician' });
      insertPatient(raw);
      insertIdentifier(raw);
      insertContact(raw);
    },
  });
}

describe('migration 0003 providers-appointments-encounters', () => {
  it('adds providers, appointments and encounters, keeping the patients', () => {
    const { raw } = migratedFromTwo();
    expectSchema(raw, {
      synced: NEW_TABLES,
      indexes: { appointments: ['appointments_by_patient', 'appointments_by_provider_time'], encounters: ['encounters_by_patient'] },
      foreignKeys: {
        providers: { organization_id: 'organizations', user_id: 'users' },
        appointments: { patient_id: 'patients', provider_id: 'providers', location_id: 'locations' },
        encounters: { patient_id: 'patients', provider_id: 'providers', appointment_id: 'appointments', location_id: 'locations' },
      },
    });

    expect(raw.prepare('SELECT mrn, given_name FROM patients').all()).toEqual([{ mrn: 'MRN000001', given_name: 'Émilie' }]);
    expect(raw.prepare('SELECT value FROM patient_identifiers').all()).toEqual([{ value: 'INS-123456789' }]);
    expect(raw.prepare('SELECT name FROM patient_contacts').all()).toEqual([{ name: 'Anaïs Lefèvre' }]);
  });

  it('books an appointment (status booked by default) and opens an encounter for it', () => {
    const { raw } = migratedFromTwo();
    insertProvider(raw, { user_id: IDS.admin });
    insertAppointment(raw, { location_id: IDS.site });
    insertEncounter(raw, { appointment_id: IDS.appointment, location_id: IDS.site });

    expectSyncedRowRules(raw, [['providers', IDS.provider], ['appointments', IDS.appointment], ['encounters', IDS.encounter]]);
    expect(raw.prepare('SELECT status, active FROM appointments JOIN providers ON providers.id = provider_id').get()).toEqual({ status: 'booked', active: 1 });
    raw.prepare(`UPDATE appointments SET status = 'arrived', arrived_at = ? WHERE id = ?`).run('2026-03-02T08:55:00.000Z', IDS.appointment);
  });

  it('refuses unknown statuses, appointments that end before they start, and dangling references', () => {
    const { raw } = migratedFromTwo();
    insertProvider(raw);
    insertAppointment(raw);
    expectRefused(() => raw.prepare(`UPDATE appointments SET status = 'lost' WHERE id = ?`).run(IDS.appointment), 'CHECK');
    expectRefused(() => insertAppointment(raw, { id: IDS.unknown, ends_at: '2026-03-02T09:00:00.000Z' }), 'CHECK');
    expectRefused(() => insertAppointment(raw, { id: IDS.unknown, ends_at: '2026-03-02T08:00:00.000Z' }), 'CHECK');
    expectRefused(() => insertAppointment(raw, { id: IDS.unknown, provider_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertAppointment(raw, { id: IDS.unknown, patient_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertEncounter(raw, { status: 'open' }), 'CHECK');
    expectRefused(() => insertEncounter(raw, { appointment_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertProvider(raw, { id: IDS.unknown, user_id: IDS.unknown }), 'FOREIGN KEY');
  });
});
