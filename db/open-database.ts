import { existsSync } from 'node:fs';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../common/rpc/errors';
import { migrateTo } from './migrate';
import type { Database } from './schema';
import type { SqliteConnection, SqliteDriver } from './sqlite-driver';

export const DB_KEY_BYTES = 32;

export interface OpenDatabaseOptions {
  file: string;
  /** 32 random bytes. `null` opens a plain, unencrypted file: only benchmarks use that as a baseline. */
  key: Uint8Array | null;
  driver: SqliteDriver;
  busyTimeoutMs?: number;
  /** Migrate to this version instead of the latest (migration tests). */
  migrateTo?: number;
}

export interface OpenedDatabase {
  readonly file: string;
  readonly raw: SqliteConnection;
  readonly db: Kysely<Database>;
  readonly created: boolean;
  close(): Promise<void>;
}

/**
 * Opens (or creates) the workstation store: SQLCipher-4-compatible encryption with a raw 256-bit
 * key, verified before anything is written, then WAL, foreign keys, busy timeout, and migrations.
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const created = !existsSync(options.file);
  if (options.key !== null && options.key.length !== DB_KEY_BYTES) {
    throw new AppError('DB_KEY_INVALID', `The database key must be ${DB_KEY_BYTES} bytes`);
  }
  const raw = new options.driver(options.file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    if (options.key !== null) applyKey(raw, options.key);
    verifyReadable(raw, options.file);
    applyPragmas(raw, options.busyTimeoutMs ?? 5000);
    migrateTo(raw, options.migrateTo);
  } catch (error) {
    raw.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw as never }) });
  return {
    file: options.file,
    raw,
    db,
    created,
    async close() {
      await db.destroy();
      // Kysely closes the connection only if it ever ran a query; an unused store must still be
      // closed, or the WAL is never checkpointed and the file stays locked.
      if (raw.open) raw.close();
    },
  };
}

function applyKey(raw: SqliteConnection, key: Uint8Array): void {
  raw.pragma(`cipher = 'sqlcipher'`);
  raw.pragma('legacy = 4');
  // A raw key (x'..') skips the passphrase KDF: the key is already 256 random bits.
  raw.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
}

/** Reading page 1 is the first moment a wrong key shows; nothing has been written before it. */
function verifyReadable(raw: SqliteConnection, file: string): void {
  try {
    raw.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new AppError(
        'DB_KEY_INVALID',
        `The workstation database at ${file} cannot be opened with this key (wrong key, or not a workstation database). Nothing was changed.`,
      );
    }
    throw error;
  }
}

function applyPragmas(raw: SqliteConnection, busyTimeoutMs: number): void {
  raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  raw.pragma('journal_mode = WAL');
  // FULL: a committed reading survives a power cut, not only an application crash.
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // Temporary tables and sort spills stay in memory rather than in unencrypted temp files.
  raw.pragma('temp_store = MEMORY');
  // 64 MiB of decrypted pages (the default is 2 MiB): with encryption every cache miss costs a page
  // decryption, and search over a large patient list touches many scattered pages.
  raw.pragma('cache_size = -65536');
}
