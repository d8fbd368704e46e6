import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/rpc/errors';
import { openDatabase } from '../../../db/open-database';
import { createHeadlessKeyStore, createKeyFileStore } from '../../../main/adapters/headless-key-store';
import { loadOrCreateDatabaseKey } from '../../../main/app/database-key';
import { SqliteCipherDriver } from '../../../native/sqlite-cipher';
import { makeTempDir, removeTempDirs, snapshotDir } from '../../support/temp-store';

const NO_ENV = {};
const ENV_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

afterEach(() => removeTempDirs());

function paths(dir: string): { keyFile: string; dbFile: string } {
  return { keyFile: join(dir, 'db.key'), dbFile: join(dir, 'workstation.db') };
}

/** Runs `fn` with the given umask, so the key file's mode cannot come from a friendly default. */
async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await fn();
  } finally {
    process.umask(previous);
  }
}

async function createEncryptedDatabase(dbFile: string, key: Uint8Array): Promise<void> {
  await openDatabase({ file: dbFile, key, driver: SqliteCipherDriver }).close();
}

describe('headless key store: key file', () => {
  it('creates a random 256-bit key on first run in db.key, readable by the owner only (0600)', async () => {
    const dir = makeTempDir();
    const { keyFile, dbFile } = paths(dir);

    const key = await withUmask(0o000, () => loadOrCreateDatabaseKey(createHeadlessKeyStore(dir, NO_ENV), dbFile));

    expect(key).toHaveLength(32);
    expect(Buffer.from(key).equals(Buffer.alloc(32))).toBe(false);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(keyFile, 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    expect(Buffer.from(text.trim(), 'hex').equals(Buffer.from(key))).toBe(true);
    // Saved through a temp file and a rename: nothing else is left behind, and no database yet.
    expect(readdirSync(dir)).toEqual(['db.key']);
  });

  it('makes a different key for each new workstation', async () => {
    const first = await loadOrCreateDatabaseKey(createHeadlessKeyStore(makeTempDir(), NO_ENV), paths(makeTempDir()).dbFile);
    const dirB = makeTempDir();
    const second = await loadOrCreateDatabaseKey(createHeadlessKeyStore(dirB, NO_ENV), paths(dirB).dbFile);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
  });

  it('returns the same key on the next run, without rewriting the file, and the key opens the database', async () => {
    const dir = makeTempDir();
    const { dbFile } = paths(dir);
    const first = await loadOrCreateDatabaseKey(createHeadlessKeyStore(dir, NO_ENV), dbFile);
    await createEncryptedDatabase(dbFile, first);
    const before = snapshotDir(dir);

    const second = await loadOrCreateDatabaseKey(createHeadlessKeyStore(dir, NO_ENV), dbFile);

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(snapshotDir(dir)).toEqual(before);
    await openDatabase({ file: dbFile, key: second, driver: SqliteCipherDriver }).close();
  });

  it('writes the key 0600 even over a stale, world-readable temp file from an interrupted save', async () => {
    const dir = makeTempDir();
    const { keyFile } = paths(dir);
    writeFileSync(`${keyFile}.tmp`, 'leftover', { mode: 0o644 });
    await createKeyFileStore(keyFile).save(randomBytes(32));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFile}.tmp`)).toBe(false);
  });

  it('accepts a key file edited by hand (upper case, CRLF)', async () => {
    const dir = makeTempDir();
    const { keyFile } = paths(dir);
    writeFileSync(keyFile, `${ENV_KEY.toUpperCase()}\r\n`, { mode: 0o600 });
    const key = await createKeyFileStore(keyFile).load();
    expect(Buffer.from(key!).toString('hex')).toBe(ENV_KEY);
  });

  it.each([
    ['not hex at all', 'this is not a key'],
    ['truncated', ENV_KEY.slice(0, 62)],
    ['too long', `${ENV_KEY}00`],
    ['empty', ''],
  ])('refuses a damaged key file (%s) and never replaces it with a new key', async (_label, content) => {
    const dir = makeTempDir();
    const { keyFile, dbFile } = paths(dir);
    writeFileSync(keyFile, content, { mode: 0o600 });

    await expect(loadOrCreateDatabaseKey(createHeadlessKeyStore(dir, NO_ENV), dbFile)).rejects.toThrow(
      `The key file ${keyFile} is damaged: expected 64 hexadecimal characters`,
    );
    expect(readFileSync(keyFile, 'utf8')).toBe(content);
    expect(readdirSync(dir)).toEqual(['db.key']);
  });

  it('refuses with DB_KEY_INVALID when the database exists but its key is missing, changing nothing', async () => {
    const dir = makeTempDir();
    const { keyFile, dbFile } = paths(dir);
    await createEncryptedDatabase(dbFile, randomBytes(32));
    const before = snapshotDir(dir);

    const failure = loadOrCreateDatabaseKey(createHeadlessKeyStore(dir, NO_ENV), dbFile);

    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: 'DB_KEY_INVALID' });
    await expect(failure).rejects.toThrow(`The workstation database ${dbFile} exists but its key is missing from the key file ${keyFile}`);
    // Above all, no new key was made: a fresh key would make the existing data unreadable for good.
    expect(existsSync(keyFile)).toBe(false);
    expect(snapshotDir(dir)).toEqual(before);
  });
});

describe('headless key store: AIPC_DB_KEY', () => {
  it('uses the key from AIPC_DB_KEY and writes no key file', async () => {
    const dir = makeTempDir();
    const store = createHeadlessKeyStore(dir, { AIPC_DB_KEY: ENV_KEY });

    const key = await loadOrCreateDatabaseKey(store, paths(dir).dbFile);

    expect(Buffer.from(key).toString('hex')).toBe(ENV_KEY);
    expect(readdirSync(dir)).toEqual([]);
    expect(store.description).toBe('environment variable AIPC_DB_KEY');
  });

  it('prefers AIPC_DB_KEY over a key file in the data directory', async () => {
    const dir = makeTempDir();
    writeFileSync(paths(dir).keyFile, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const key = await loadOrCreateDatabaseKey(createHeadlessKeyStore(dir, { AIPC_DB_KEY: ENV_KEY }), paths(dir).dbFile);
    expect(Buffer.from(key).toString('hex')).toBe(ENV_KEY);
  });

  it('treats an empty AIPC_DB_KEY as unset and falls back to the key file', async () => {
    const dir = makeTempDir();
    await loadOrCreateDatabaseKey(createHeadlessKeyStore(dir, { AIPC_DB_KEY: '' }), paths(dir).dbFile);
    expect(readdirSync(dir)).toEqual(['db.key']);
  });

  it.each([
    ['too short', ENV_KEY.slice(0, 63)],
    ['too long', `${ENV_KEY}f`],
    ['not hex', 'g'.repeat(64)],
    ['a passphrase', 'correct horse battery staple correct horse battery staple 123456'],
    ['padded with spaces', ` ${ENV_KEY} `],
  ])('rejects a malformed AIPC_DB_KEY (%s) with a clear message that does not echo it', (_label, value) => {
    const create = () => createHeadlessKeyStore(makeTempDir(), { AIPC_DB_KEY: value });
    expect(create).toThrow('AIPC_DB_KEY must be 64 hexadecimal characters (a 256-bit key)');
    try {
      create();
    } catch (error) {
      expect((error as Error).message).not.toContain(value.trim());
    }
  });

  it('never puts the key in its description (descriptions go to logs)', () => {
    const dir = makeTempDir();
    expect(createHeadlessKeyStore(dir, { AIPC_DB_KEY: ENV_KEY }).description).not.toContain(ENV_KEY);
    expect(createHeadlessKeyStore(dir, NO_ENV).description).toBe(`key file ${paths(dir).keyFile} (mode 0600)`);
  });
});
