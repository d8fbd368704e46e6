import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo } from '../../../db/migrate';
import type { OpenedDatabase } from '../../../db/open-database';
import { IDS, insertLocation, insertOrganization, insertSetting, insertUser } from '../../support/migration-fixtures';
import {
  columnsOf,
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

const stores: OpenedDatabase[] = [];
afterEach(async () => {
  for (const opened of stores.splice(0)) await opened.close();
  removeTempDirs();
});

/** An empty store, then migration 1. */
function migratedToOne(): TempStore {
  const s = openTempStore({ migrateTo: 0 });
  stores.push(s.opened);
  expect(tableNames(s.raw)).toEqual(['schema_migrations']);
  migrateTo(s.raw, 1);
  expect(schemaVersion(s.raw)).toBe(1);
  return s;
}

describe('migration 0001 clinic-and-users', () => {
  it('creates organizations, locations, users and settings from an empty store', () => {
    const { raw } = migratedToOne();
    expect(tableNames(raw)).toEqual(['locations', 'organizations', 'schema_migrations', 'settings', 'users']);
    for (const table of ['organizations', 'locations', 'users']) expectSyncedColumns(raw, table);
    expect([...columnsOf(raw, 'settings').keys()]).toEqual(['key', 'value', 'updated_at']);
    expect(indexNames(raw, 'locations')).toEqual(['locations_by_organization']);
    expect(foreignKeysOf(raw, 'locations')).toEqual({ organization_id: 'organizations', parent_id: 'locations' });
    expect(foreignKeysOf(raw, 'users')).toEqual({ organization_id: 'organizations' });
  });

  it('stores a clinic, its locations and users with version 1, not deleted', () => {
    const { raw } = migratedToOne();
    insertOrganization(raw);
    insertLocation(raw);
    insertLocation(raw, { id: IDS.room, parent_id: IDS.site, name: 'Exam room 1', kind: 'room' });
    insertUser(raw);
    insertSetting(raw);

    for (const [table, id] of [['organizations', IDS.organization], ['locations', IDS.room], ['users', IDS.admin]] as const) {
      expectFreshRowDefaults(raw, table, id);
      expectSyncedChecks(raw, table, id);
    }
    expect(raw.prepare('SELECT active, failed_login_count, locked_until FROM users WHERE id = ?').get(IDS.admin)).toEqual({
      active: 1,
      failed_login_count: 0,
      locked_until: null,
    });
    expect(raw.prepare('SELECT value FROM settings WHERE key = ?').get('mrn_pattern')).toEqual({ value: '^MRN[0-9]{6}$' });
  });

  it('refuses unknown roles and location kinds, duplicate usernames and dangling references', () => {
    const { raw } = migratedToOne();
    insertOrganization(raw);
    insertUser(raw);
    expectRefused(() => insertUser(raw, { id: IDS.nurse, username: 'nurse', role: 'surgeon' }), 'CHECK');
    expectRefused(() => insertUser(raw, { id: IDS.nurse, username: 'admin', role: 'nurse' }), 'UNIQUE');
    expectRefused(() => insertUser(raw, { id: IDS.nurse, username: 'nurse', role: 'nurse', active: 2 }), 'CHECK');
    expectRefused(() => insertLocation(raw, { kind: 'ward' }), 'CHECK');
    expectRefused(() => insertLocation(raw, { organization_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertLocation(raw, { parent_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertOrganization(raw, { id: IDS.unknown, created_at: null }), 'NOT NULL');
    // A user without a clinic is allowed: the first administrator is created before the clinic.
    insertUser(raw, { id: IDS.nurse, username: 'nurse', role: 'nurse', organization_id: null });
  });
});
