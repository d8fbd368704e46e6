import { afterEach, expect } from 'vitest';
import { migrateTo } from '../../db/migrate';
import type { OpenedDatabase } from '../../db/open-database';
import type { SqliteConnection } from '../../db/sqlite-driver';
import {
  columnsOf,
  expectFreshRowDefaults,
  expectSyncedChecks,
  expectSyncedColumns,
  foreignKeysOf,
  indexNames,
  openTempStore,
  removeTempDirs,
  schemaVersion,
  tableNames,
  type TempStore,
} from './temp-store';

/**
 * Shared setup and schema inspection for the per-migration tests (tests/integration/migrations/000N-*).
 * Each test opens a store at version N-1, writes rows that fit that schema, migrates to N and inspects.
 */

export interface MigrationStep {
  /** The migration under test: the store is opened at `to - 1` and migrated to `to`. */
  to: number;
  /** Exactly the tables expected before migrating. */
  tablesBefore?: readonly string[];
  /** Tables that must not exist before migrating. */
  absent?: readonly string[];
  /** Rows written at version `to - 1`, before migrating. */
  seed?: (raw: SqliteConnection) => void;
}

export interface MigrationStores {
  /** A fresh temp store migrated to `version`, closed after the test. */
  openAt(version: number): TempStore;
  /** A fresh store at `step.to - 1`, checked and seeded, then migrated to `step.to` (and checked to be there). */
  migrated(step: MigrationStep): TempStore;
}

/** Call at the top level of a test file: the stores it opens are closed and their temp dirs removed after each test. */
export function useMigrationStores(): MigrationStores {
  const stores: OpenedDatabase[] = [];
  afterEach(async () => {
    for (const opened of stores.splice(0)) await opened.close();
    removeTempDirs();
  });

  function openAt(version: number): TempStore {
    const s = openTempStore({ migrateTo: version });
    stores.push(s.opened);
    return s;
  }

  function migrated(step: MigrationStep): TempStore {
    const s = openAt(step.to - 1);
    if (step.tablesBefore) expect(tableNames(s.raw)).toEqual(step.tablesBefore);
    for (const table of step.absent ?? []) expect(tableNames(s.raw)).not.toContain(table);
    step.seed?.(s.raw);
    migrateTo(s.raw, step.to);
    expect(schemaVersion(s.raw)).toBe(step.to);
    return s;
  }

  return { openAt, migrated };
}

/** Column names of `table`, in declaration order. */
export function columnNames(raw: SqliteConnection, table: string): string[] {
  return [...columnsOf(raw, table).keys()];
}

export interface ExpectedSchema {
  /** Tables that follow the synced-row rule (see `expectSyncedColumns`). */
  synced?: readonly string[];
  /** Exactly these columns, in order, per table. */
  columns?: Readonly<Record<string, readonly string[]>>;
  /** Exactly these (non-automatic) indexes, sorted by name, per table. */
  indexes?: Readonly<Record<string, readonly string[]>>;
  /** Exactly these `column -> referenced table` foreign keys per table. */
  foreignKeys?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Asserts the given parts of the schema exactly. */
export function expectSchema(raw: SqliteConnection, expected: ExpectedSchema): void {
  for (const table of expected.synced ?? []) expectSyncedColumns(raw, table);
  for (const [table, names] of Object.entries(expected.columns ?? {})) expect(columnNames(raw, table), `${table} columns`).toEqual(names);
  for (const [table, names] of Object.entries(expected.indexes ?? {})) expect(indexNames(raw, table), `${table} indexes`).toEqual(names);
  for (const [table, keys] of Object.entries(expected.foreignKeys ?? {})) expect(foreignKeysOf(raw, table), `${table} foreign keys`).toEqual(keys);
}

/** For each freshly inserted synced row: version 1 and not deleted by default, and the CHECKs on version and deleted hold. */
export function expectSyncedRowRules(raw: SqliteConnection, rows: readonly (readonly [table: string, id: string])[]): void {
  for (const [table, id] of rows) {
    expectFreshRowDefaults(raw, table, id);
    expectSyncedChecks(raw, table, id);
  }
}

/** The query plan of `sql` (with `params`) uses `index`. */
export function expectUsesIndex(raw: SqliteConnection, sql: string, index: string, ...params: unknown[]): void {
  const plan = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  expect(plan.map((p) => p.detail).join(' ')).toContain(index);
}
