import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open-database';
import type { SqliteConnection } from '../../db/sqlite-driver';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';

/** Every time stamp written by the store tests: fixed, so rows compare exactly. */
export const T0 = '2026-03-02T08:00:00.000Z';

/** Tables that are not synced rows and so carry no id/version/deleted columns, and why. */
export const UNSYNCED_TABLES: Readonly<Record<string, string>> = {
  audit_events: 'append-only local log, ordered by seq',
  sync_outbox: 'the queue of changes itself',
  sync_state: 'pull cursors of this workstation',
  settings: 'workstation-local configuration',
  schema_migrations: 'migration bookkeeping',
  sqlite_sequence: 'SQLite internal (AUTOINCREMENT)',
  patient_search: 'FTS5 index of patients, rebuilt from the patients table',
  patient_search_data: 'FTS5 shadow table',
  patient_search_idx: 'FTS5 shadow table',
  patient_search_docsize: 'FTS5 shadow table',
  patient_search_config: 'FTS5 shadow table',
  patient_search_keys: 'local FTS5 document numbers of patients',
  patient_name_words: 'local vocabulary of the patient search index',
  device_journal: 'raw device messages as received on this workstation, ordered by seq',
  device_readings: 'readings waiting on this workstation for a clinician; accepted ones become observations',
  critical_alerts: 'this workstation\'s notifications of critical results; the results themselves sync as observations',
};

/** Temporary directories made by a test file; `removeTempDirs()` in afterEach deletes them all. */
const tempDirs: string[] = [];

export function makeTempDir(prefix = 'aipc-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface TempStore {
  dir: string;
  file: string;
  key: Uint8Array | null;
  opened: OpenedDatabase;
  raw: SqliteConnection;
}

/** A real encrypted store file (random 256-bit key) in a fresh temp dir, migrated to `migrateTo`. */
export function openTempStore(options: { migrateTo?: number; key?: Uint8Array | null; dir?: string } = {}): TempStore {
  const dir = options.dir ?? makeTempDir();
  const file = join(dir, 'workstation.db');
  const key = options.key === undefined ? randomBytes(32) : options.key;
  const opened = openDatabase({ file, key, driver: SqliteCipherDriver, migrateTo: options.migrateTo });
  return { dir, file, key, opened, raw: opened.raw };
}

// ---- schema introspection ----

export interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

export function tableNames(raw: SqliteConnection): string[] {
  return (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

export function columnsOf(raw: SqliteConnection, table: string): Map<string, ColumnInfo> {
  const rows = raw.prepare(`SELECT * FROM pragma_table_info(?)`).all(table) as ColumnInfo[];
  return new Map(rows.map((c) => [c.name, c]));
}

export function indexNames(raw: SqliteConnection, table: string): string[] {
  return (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name`).all(table) as { name: string }[]).map(
    (r) => r.name,
  );
}

/** `table.column -> referenced table` for every foreign key of `table`. */
export function foreignKeysOf(raw: SqliteConnection, table: string): Record<string, string> {
  const rows = raw.prepare(`SELECT "from", "table" FROM pragma_foreign_key_list(?)`).all(table) as { from: string; table: string }[];
  return Object.fromEntries(rows.map((r) => [r.from, r.table]));
}

export function schemaVersion(raw: SqliteConnection): number {
  return Number(raw.pragma('user_version', { simple: true }));
}

export function count(raw: SqliteConnection, table: string): number {
  return Number((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
}

/**
 * The synced-row rule: a TEXT primary key id (a UUID made on the workstation), created/updated
 * times, a version starting at 1 and a deleted flag starting at 0.
 */
export function expectSyncedColumns(raw: SqliteConnection, table: string): void {
  const columns = columnsOf(raw, table);
  expect(columns.size, `${table} exists`).toBeGreaterThan(0);
  expect(columns.get('id'), `${table}.id`).toMatchObject({ type: 'TEXT', notnull: 1, pk: 1 });
  expect(columns.get('created_at'), `${table}.created_at`).toMatchObject({ type: 'TEXT', notnull: 1 });
  expect(columns.get('updated_at'), `${table}.updated_at`).toMatchObject({ type: 'TEXT', notnull: 1 });
  expect(columns.get('version'), `${table}.version`).toMatchObject({ type: 'INTEGER', notnull: 1, dflt_value: '1' });
  expect(columns.get('deleted'), `${table}.deleted`).toMatchObject({ type: 'INTEGER', notnull: 1, dflt_value: '0' });
}

/** Checks every synced table of the current schema; returns the tables it checked. */
export function expectEverySyncedTableHasSyncedColumns(raw: SqliteConnection): string[] {
  const synced = tableNames(raw).filter((name) => !(name in UNSYNCED_TABLES));
  for (const table of synced) expectSyncedColumns(raw, table);
  return synced;
}

/** After inserting a row with only the required columns: the soft-delete and version defaults. */
export function expectFreshRowDefaults(raw: SqliteConnection, table: string, id: string): void {
  expect(raw.prepare(`SELECT version, deleted FROM ${table} WHERE id = ?`).get(id)).toEqual({ version: 1, deleted: 0 });
}

/** The CHECKs on version and deleted refuse nonsense. */
export function expectSyncedChecks(raw: SqliteConnection, table: string, id: string): void {
  expect(() => raw.prepare(`UPDATE ${table} SET version = 0 WHERE id = ?`).run(id)).toThrow(/CHECK constraint failed/);
  expect(() => raw.prepare(`UPDATE ${table} SET deleted = 2 WHERE id = ?`).run(id)).toThrow(/CHECK constraint failed/);
}

export function expectRefused(run: () => unknown, reason: 'CHECK' | 'FOREIGN KEY' | 'UNIQUE' | 'NOT NULL'): void {
  expect(run).toThrow(new RegExp(`${reason} constraint failed`));
}

// ---- raw bytes ----

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file in the directory with the sha256 of its bytes: equal snapshots mean nothing changed. */
export function snapshotDir(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, sha256(readFileSync(join(dir, name)))]));
}

export function readIfExists(file: string): Buffer | null {
  return existsSync(file) ? readFileSync(file) : null;
}

/** The text as SQLite could store it: UTF-8, UTF-16LE and UTF-16BE. */
export function encodingsOf(text: string): Buffer[] {
  const utf16le = Buffer.from(text, 'utf16le');
  return [Buffer.from(text, 'utf8'), utf16le, Buffer.from(utf16le).swap16()];
}

export function containsText(bytes: Buffer, text: string): boolean {
  return encodingsOf(text).some((needle) => bytes.includes(needle));
}

/** Deterministic bytes that are certainly not a SQLite file. */
export function pseudoRandomBytes(length: number, seed: string): Buffer {
  const chunks: Buffer[] = [];
  let block = createHash('sha256').update(seed).digest();
  for (let size = 0; size < length; size += block.length) {
    chunks.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(chunks).subarray(0, length);
}
