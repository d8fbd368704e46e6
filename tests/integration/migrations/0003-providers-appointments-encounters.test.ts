import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo } from '../../../db/migrate';
import type { OpenedDatabase } from '../../../db/open-database';
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
import {
  expectFreshRowDefaults,
  expectRefused,
  expectSyncedChecks,
  expectSyncedColumns,
  foreignKeysOf,
  indexNames,
  openTempStore,
  removeTempDirs,
  schemaVersion,
  tableNames,
  type TempStore,
} from '../../support/temp-store';

const NEW_TABLES = ['appointments', 'encounters', 'providers'];

const stores: OpenedDatabase[] = [];
afterEach(async () => {
  for (const opened of stores.splice(0)) await opened.close();
  removeTempDirs();
});

/** A store at version 2 holding a clinic, a user and a patient with identifier and contact, then migration 3. */
function migratedFromTwo(): TempStore {
  const s = openTempStore({ migrateTo: 2 });
  stores.push(s.opened);
  for (const table of NEW_TABLES) expect(tableNames(s.raw)).not.toContain(table);
  insertOrganization(s.raw);
  insertLocation(s.raw);
  insertUser(s.raw, { id: IDS.admin, username: 'physician', role: 'physician' });
  insertPatient(s.raw);
  insertIdentifier(s.raw);
  insertContact(s.raw);
  migrateTo(s.raw, 3);
  expect(schemaVersion(s.raw)).toBe(3);
  return s;
}

describe('migration 0003 providers-appointments-encounters', () => {
  it('adds providers, appointments and encounters, keeping the patients', () => {
    const { raw } = migratedFromTwo();
    for (const table of NEW_TABLES) expectSyncedColumns(raw, table);
    expect(indexNames(raw, 'appointments')).toEqual(['appointments_by_patient', 'appointments_by_provider_time']);
    expect(indexNames(raw, 'encounters')).toEqual(['encounters_by_patient']);
    expect(foreignKeysOf(raw, 'providers')).toEqual({ organization_id: 'organizations', user_id: 'users' });
    expect(foreignKeysOf(raw, 'appointments')).toEqual({ patient_id: 'patients', provider_id: 'providers', location_id: 'locations' });
    expect(foreignKeysOf(raw, 'encounters')).toEqual({
      patient_id: 'patients',
      provider_id: 'providers',
      appointment_id: 'appointments',
      location_id: 'locations',
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

    for (const [table, id] of [['providers', IDS.provider], ['appointments', IDS.appointment], ['encounters', IDS.encounter]] as const) {
      expectFreshRowDefaults(raw, table, id);
      expectSyncedChecks(raw, table, id);
    }
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
