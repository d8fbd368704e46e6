import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open-database';
import { currentSchemaVersion, migrateTo } from '../../../db/migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../db/migrations';
import { SqliteCipherDriver } from '../../../native/sqlite-cipher';
import {
  UNSYNCED_TABLES,
  expectEverySyncedTableHasSyncedColumns,
  makeTempDir,
  openTempStore,
  removeTempDirs,
  schemaVersion,
  snapshotDir,
  tableNames,
  type TempStore,
} from '../../support/temp-store';

const APPLIED_AT = '2026-03-02T08:00:00.000Z';
const fixedNow = () => APPLIED_AT;

const stores: OpenedDatabase[] = [];
afterEach(async () => {
  for (const opened of stores.splice(0)) await opened.close();
  removeTempDirs();
});

function store(options: { migrateTo?: number } = {}): TempStore {
  const s = openTempStore(options);
  stores.push(s.opened);
  return s;
}

function recordedMigrations(s: TempStore): { version: number; name: string; applied_at: string }[] {
  return s.raw.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as never;
}

/** A throwaway list: the real first `keep` migrations, then one that fails halfway through. */
function listFailingAt(keep: number, fail: (db: Parameters<Migration['up']>[0]) => void): Migration[] {
  return [...MIGRATIONS.slice(0, keep), { version: keep + 1, name: 'fails-halfway', up: fail }];
}

describe('migration list', () => {
  it('is a static list numbered 1..n in order, with unique kebab-case names', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(6);
  });
});

describe('migration runner', () => {
  it('records every migration in schema_migrations and PRAGMA user_version', () => {
    const s = store({ migrateTo: 0 });
    expect(schemaVersion(s.raw)).toBe(0);
    expect(tableNames(s.raw)).toEqual(['schema_migrations']);

    expect(migrateTo(s.raw, LATEST_VERSION, fixedNow)).toBe(LATEST_VERSION);

    expect(schemaVersion(s.raw)).toBe(LATEST_VERSION);
    expect(currentSchemaVersion(s.raw)).toBe(LATEST_VERSION);
    expect(recordedMigrations(s)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: APPLIED_AT })));
  });

  it('migrates step by step to the same result as in one go', () => {
    const stepwise = store({ migrateTo: 0 });
    for (let version = 1; version <= LATEST_VERSION; version += 1) {
      expect(migrateTo(stepwise.raw, version, fixedNow)).toBe(version);
    }
    const direct = store();
    const schema = (s: TempStore) => s.raw.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name`).all();
    expect(schema(stepwise)).toEqual(schema(direct));
  });

  it('runs nothing again on the next open', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    const key = Buffer.alloc(32, 7);
    const first = openDatabase({ file, key, driver: SqliteCipherDriver });
    const applied = first.raw.prepare('SELECT * FROM schema_migrations ORDER BY version').all();
    await first.close();

    const again = openDatabase({ file, key, driver: SqliteCipherDriver });
    stores.push(again);
    expect(again.raw.prepare('SELECT * FROM schema_migrations ORDER BY version').all()).toEqual(applied);
    expect(migrateTo(again.raw)).toBe(LATEST_VERSION);
    expect(again.raw.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: LATEST_VERSION });
  });

  it('rolls back a migration that throws halfway: no partial table, no record, previous version', () => {
    const s = store({ migrateTo: 2 });
    const tablesBefore = tableNames(s.raw);
    const failing = listFailingAt(2, (db) => {
      db.exec(`CREATE TABLE half_done (id TEXT PRIMARY KEY); INSERT INTO half_done VALUES ('x');`);
      db.exec(`ALTER TABLE patients ADD COLUMN half_done_flag INTEGER`);
      throw new Error('boom halfway');
    });

    expect(() => migrateTo(s.raw, 3, fixedNow, failing)).toThrow('boom halfway');

    expect(schemaVersion(s.raw)).toBe(2);
    expect(tableNames(s.raw)).toEqual(tablesBefore);
    expect(s.raw.prepare(`SELECT name FROM pragma_table_info('patients') WHERE name = 'half_done_flag'`).all()).toEqual([]);
    expect(recordedMigrations(s).map((m) => m.version)).toEqual([1, 2]);
    expect(s.raw.inTransaction).toBe(false);
  });

  it('rolls back a migration whose SQL fails partway through a script', () => {
    const s = store({ migrateTo: 2 });
    const failing = listFailingAt(2, (db) => db.exec(`CREATE TABLE first_part (id TEXT); CREATE TABLE patients (id TEXT);`));

    expect(() => migrateTo(s.raw, 3, fixedNow, failing)).toThrow(/table patients already exists/);

    expect(schemaVersion(s.raw)).toBe(2);
    expect(tableNames(s.raw)).not.toContain('first_part');
  });

  it('commits each migration on its own: a later failure keeps the earlier ones', () => {
    const s = store({ migrateTo: 1 });
    const failing = listFailingAt(2, () => {
      throw new Error('third fails');
    });

    expect(() => migrateTo(s.raw, 3, fixedNow, failing)).toThrow('third fails');

    expect(schemaVersion(s.raw)).toBe(2);
    expect(tableNames(s.raw)).toContain('patients');
    expect(recordedMigrations(s).map((m) => m.name)).toEqual([MIGRATIONS[0]!.name, MIGRATIONS[1]!.name]);
  });

  it('refuses to open a database made by a newer version of the application, unchanged', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    const key = Buffer.alloc(32, 9);
    const newer = openDatabase({ file, key, driver: SqliteCipherDriver });
    newer.raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    await newer.close();
    const before = snapshotDir(dir);

    expect(() => openDatabase({ file, key, driver: SqliteCipherDriver })).toThrow(
      `The database is at schema version ${LATEST_VERSION + 1}, newer than this workstation knows (${LATEST_VERSION}). Update the application.`,
    );
    expect(snapshotDir(dir)).toEqual(before);
  });

  it.each([-1, 1.5, LATEST_VERSION + 1])('refuses an unknown target version (%s)', (target) => {
    const s = store({ migrateTo: 0 });
    expect(() => migrateTo(s.raw, target)).toThrow(`No migration ${target}`);
    expect(schemaVersion(s.raw)).toBe(0);
  });
});

describe('synced-row columns', () => {
  it('every synced table has id, created_at, updated_at, version and deleted', () => {
    const s = store();
    const checked = expectEverySyncedTableHasSyncedColumns(s.raw);
    expect(checked).toEqual(
      expect.arrayContaining([
        'organizations',
        'locations',
        'users',
        'patients',
        'patient_identifiers',
        'patient_contacts',
        'providers',
        'appointments',
        'encounters',
        'devices',
        'observations',
        'orders',
        'care_plans',
      ]),
    );
    // The exception list names real tables; a stale name would hide a table from the rule.
    const tables = tableNames(s.raw);
    for (const name of Object.keys(UNSYNCED_TABLES)) expect(tables).toContain(name);
  });
});
