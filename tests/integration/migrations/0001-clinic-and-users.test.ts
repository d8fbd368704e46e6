import { describe, expect, it } from 'vitest';
import { IDS, insertLocation, insertOrganization, insertSetting, insertUser } from '../../support/migration-fixtures';
import { columnNames, expectSchema, expectSyncedRowRules, useMigrationStores } from '../../support/migration-test-kit';
import { expectRefused, tableNames, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();

/** An empty store, then migration 1. */
function migratedToOne(): TempStore {
  return stores.migrated({ to: 1, tablesBefore: ['schema_migrations'] });
}

describe('migration 0001 clinic-and-users', () => {
  it('creates organizations, locations, users and settings from an empty store', () => {
    const { raw } = migratedToOne();
    expect(tableNames(raw)).toEqual(['locations', 'organizations', 'schema_migrations', 'settings', 'users']);
    expectSchema(raw, {
      synced: ['organizations', 'locations', 'users'],
      indexes: { locations: ['locations_by_organization'] },
      foreignKeys: { locations: { organization_id: 'organizations', parent_id: 'locations' }, users: { organization_id: 'organizations' } },
    });
    expect(columnNames(raw, 'settings')).toEqual(['key', 'value', 'updated_at']);
  });

  it('stores a clinic, its locations and users with version 1, not deleted', () => {
    const { raw } = migratedToOne();
    insertOrganization(raw);
    insertLocation(raw);
    insertLocation(raw, { id: IDS.room, parent_id: IDS.site, name: 'Exam room 1', kind: 'room' });
    insertUser(raw);
    insertSetting(raw);

    expectSyncedRowRules(raw, [['organizations', IDS.organization], ['locations', IDS.room], ['users', IDS.admin]]);
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
