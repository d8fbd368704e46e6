import { describe, expect, it } from 'vitest';
import {
  IDS,
  insertAppointment,
  insertEncounter,
  insertLocation,
  insertOrganization,
  insertPatient,
  insertProvider,
  insertRow,
  insertUser,
} from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, useMigrationStores } from '../../support/migration-test-kit';
import { T0, columnsOf, expectRefused, foreignKeysOf, indexNames, type TempStore } from '../../support/temp-store';

const TYPE_ID = '3b000000-0000-4000-8000-000000000001';
const HOURS_ID = '3c000000-0000-4000-8000-000000000001';
const SECOND = '1b000000-0000-4000-8000-000000000002';

const stores = useMigrationStores();

/** A store at version 7 with a clinic, a provider, a patient and a booked appointment, then migration 8. */
function migratedFromSeven(): TempStore {
  return stores.migrated({
    to: 8,
    absent: ['appointment_types'],
    seed: (raw) => {
      insertOrganization(raw);
      insertLocation(raw);
      insertLocation(raw, { id: IDS.room, parent_id: IDS.site, name: 'Room 1', kind: 'room' });
      insertUser(raw);
      insertPatient(raw);
      insertProvider(raw);
      insertAppointment(raw);
    },
  });
}

function insertType(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertRow(raw, 'appointment_types', { id: TYPE_ID, organization_id: IDS.organization, name: 'Follow-up', duration_minutes: 20, colour: 'blue', created_at: T0, updated_at: T0, ...row });
}

function insertHours(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertRow(raw, 'provider_working_hours', { id: HOURS_ID, provider_id: IDS.provider, weekday: 1, start_time: '08:00', end_time: '12:00', kind: 'work', created_at: T0, updated_at: T0, ...row });
}

describe('migration 0008 schedules-and-appointment-types', () => {
  it('adds appointment types and working hours, and extends appointments keeping the existing ones', () => {
    const { raw } = migratedFromSeven();
    expectSchema(raw, {
      synced: ['appointment_types', 'provider_working_hours'],
      indexes: {
        appointment_types: ['appointment_types_unique_name'],
        provider_working_hours: ['provider_working_hours_by_provider'],
        appointments: ['appointments_by_patient', 'appointments_by_provider_time', 'appointments_by_recurrence', 'appointments_by_start'],
      },
      foreignKeys: { appointment_types: { organization_id: 'organizations' }, provider_working_hours: { provider_id: 'providers' } },
    });
    const columns = columnsOf(raw, 'appointments');
    for (const name of ['appointment_type_id', 'recurrence_group_id', 'walk_in', 'room_id', 'in_room_at', 'completed_at']) {
      expect(columns.has(name), name).toBe(true);
    }
    expect(foreignKeysOf(raw, 'appointments')).toMatchObject({ appointment_type_id: 'appointment_types', room_id: 'locations' });
    expect(indexNames(raw, 'encounters')).toContain('encounters_one_per_appointment');
    // The appointment booked before keeps its free-text type and gets the defaults.
    expect(raw.prepare('SELECT appointment_type, appointment_type_id, walk_in, status FROM appointments').get()).toEqual({
      appointment_type: 'follow-up',
      appointment_type_id: null,
      walk_in: 0,
      status: 'booked',
    });
  });

  it('stores types and hours with their defaults and refuses nonsense', () => {
    const { raw } = migratedFromSeven();
    insertType(raw);
    insertHours(raw);
    expectSyncedRowRules(raw, [['appointment_types', TYPE_ID], ['provider_working_hours', HOURS_ID]]);
    const other = '3b000000-0000-4000-8000-000000000002';
    expectRefused(() => insertType(raw, { id: other, name: 'FOLLOW-UP' }), 'UNIQUE');
    expectRefused(() => insertType(raw, { id: other, name: 'Odd', duration_minutes: 7 }), 'CHECK');
    expectRefused(() => insertType(raw, { id: other, name: 'Long', duration_minutes: 485 }), 'CHECK');
    expectRefused(() => insertType(raw, { id: other, name: 'Loud', colour: 'chartreuse' }), 'CHECK');
    const hours = '3c000000-0000-4000-8000-000000000002';
    expectRefused(() => insertHours(raw, { id: hours, weekday: 8 }), 'CHECK');
    expectRefused(() => insertHours(raw, { id: hours, start_time: '12:00', end_time: '08:00' }), 'CHECK');
    expectRefused(() => insertHours(raw, { id: hours, start_time: '8:00' }), 'CHECK');
    expectRefused(() => insertHours(raw, { id: hours, kind: 'lunch' }), 'CHECK');
    expectRefused(() => insertHours(raw, { id: hours, valid_from: '2026-05-01', valid_to: '2026-04-01' }), 'CHECK');
    expectRefused(() => insertHours(raw, { id: hours, provider_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => raw.prepare('UPDATE appointments SET walk_in = 2').run(), 'CHECK');
  });

  it('refuses a second appointment overlapping one that holds the provider, in the database itself', () => {
    const { raw } = migratedFromSeven();
    // The fixture appointment runs 09:00–09:20; half-open intervals may touch.
    insertAppointment(raw, { id: SECOND, starts_at: '2026-03-02T09:20:00.000Z', ends_at: '2026-03-02T09:40:00.000Z' });
    const overlapping = { id: IDS.unknown, starts_at: '2026-03-02T09:05:00.000Z', ends_at: '2026-03-02T09:20:00.000Z' };
    expect(() => insertAppointment(raw, overlapping)).toThrow(/double booking/);
    expect(() => raw.prepare(`UPDATE appointments SET starts_at = '2026-03-02T09:10:00.000Z' WHERE id = ?`).run(SECOND)).toThrow(/double booking/);

    // A cancelled appointment frees the time, and reviving it into the clash is refused again.
    raw.prepare(`UPDATE appointments SET status = 'cancelled' WHERE id = ?`).run(IDS.appointment);
    insertAppointment(raw, overlapping);
    expect(() => raw.prepare(`UPDATE appointments SET status = 'booked' WHERE id = ?`).run(IDS.appointment)).toThrow(/double booking/);
    // Another provider at the same time is fine.
    const otherProvider = '1a000000-0000-4000-8000-000000000002';
    insertProvider(raw, { id: otherProvider, given_name: 'Omar', family_name: 'Haddad' });
    insertAppointment(raw, { id: '1b000000-0000-4000-8000-000000000009', provider_id: otherProvider, starts_at: '2026-03-02T09:10:00.000Z', ends_at: '2026-03-02T09:30:00.000Z' });
    // A status change that keeps the time does not re-trip the guard.
    raw.prepare(`UPDATE appointments SET status = 'arrived', arrived_at = ? WHERE id = ?`).run(T0, SECOND);
  });

  it('refuses instants in any other shape, since times are compared as text', () => {
    const { raw } = migratedFromSeven();
    expect(() => insertAppointment(raw, { id: SECOND, starts_at: '2026-03-02T10:00:00Z', ends_at: '2026-03-02T10:20:00.000Z' })).toThrow(/UTC instants/);
    expect(() => insertAppointment(raw, { id: SECOND, starts_at: '2026-03-02 10:00', ends_at: '2026-03-02T10:20:00.000Z' })).toThrow(/UTC instants/);
  });

  it('allows one encounter per appointment', () => {
    const { raw } = migratedFromSeven();
    insertEncounter(raw, { appointment_id: IDS.appointment });
    expectRefused(() => insertEncounter(raw, { id: IDS.unknown, appointment_id: IDS.appointment }), 'UNIQUE');
    raw.prepare('UPDATE encounters SET deleted = 1 WHERE id = ?').run(IDS.encounter);
    insertEncounter(raw, { id: IDS.unknown, appointment_id: IDS.appointment });
  });
});
