import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/rpc/errors';
import { openDatabase, type OpenedDatabase } from '../../../db/open-database';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { PatientRepository } from '../../../db/repositories/patient-repository';
import { SqliteCipherDriver } from '../../../native/sqlite-cipher';
import { T0, containsText, makeTempDir, openTempStore, pseudoRandomBytes, readIfExists, removeTempDirs, snapshotDir } from '../../support/temp-store';

const GIVEN = 'Quetzalcoatl';
const FAMILY = 'Zylberschtein';
const FULL_NAME = `${GIVEN} ${FAMILY}`;
// SQLite stores columns side by side, so the given and family names are searched for separately.
const NEEDLES = [GIVEN, FAMILY, FULL_NAME];
const ORG_ID = '0a000000-0000-4000-8000-000000000001';
const PATIENT_ID = '0d000000-0000-4000-8000-000000000001';
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const open: OpenedDatabase[] = [];
afterEach(async () => {
  for (const opened of open.splice(0)) await opened.close();
  removeTempDirs();
});

function openStore(file: string, key: Uint8Array | null, busyTimeoutMs?: number): OpenedDatabase {
  const opened = openDatabase({ file, key, driver: SqliteCipherDriver, busyTimeoutMs });
  open.push(opened);
  return opened;
}

async function closeStore(opened: OpenedDatabase): Promise<void> {
  open.splice(open.indexOf(opened), 1);
  await opened.close();
}

async function insertKnownPatient(opened: OpenedDatabase): Promise<void> {
  await new OrganizationRepository(opened.db).insert({ id: ORG_ID, name: 'Riverside Clinic', now: T0 });
  await new PatientRepository(opened.db).insert({
    id: PATIENT_ID,
    organizationId: ORG_ID,
    mrn: 'MRN000042',
    givenName: GIVEN,
    familyName: FAMILY,
    dateOfBirth: '1961-02-03',
    sex: 'male',
    addressLine: `12 ${FAMILY} Lane`,
    contacts: [{ id: '0f000000-0000-4000-8000-000000000001', kind: 'emergency', name: FULL_NAME }],
    now: T0,
  });
}

function foundIn(bytes: Buffer | null): string[] {
  return bytes === null ? [] : NEEDLES.filter((needle) => containsText(bytes, needle));
}

/** A clean, closed encrypted store holding the known patient. */
async function closedEncryptedStore(): Promise<{ dir: string; file: string; key: Uint8Array }> {
  const dir = makeTempDir();
  const file = join(dir, 'workstation.db');
  const key = randomBytes(32);
  const opened = openStore(file, key);
  await insertKnownPatient(opened);
  await closeStore(opened);
  return { dir, file, key };
}

function openFailure(file: string, key: Uint8Array | null): AppError {
  try {
    openStore(file, key);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('the store opened, but it should have been refused');
}

describe('encrypted store: no plaintext at rest', () => {
  it('keeps a written patient name out of the database file and its WAL, while open and after close', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    const opened = openStore(file, randomBytes(32));
    await insertKnownPatient(opened);

    // Still open: the patient's pages sit in the WAL, not yet checkpointed into the main file.
    const wal = readFileSync(`${file}-wal`);
    expect(wal.length).toBeGreaterThan(0);
    expect(foundIn(wal)).toEqual([]);
    expect(foundIn(readFileSync(file))).toEqual([]);
    expect(foundIn(readIfExists(`${file}-shm`))).toEqual([]);
    expect(readFileSync(file).subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);

    await closeStore(opened);
    // Closing checkpoints the WAL into the main file: it must still be ciphertext.
    expect(foundIn(readFileSync(file))).toEqual([]);
    expect(foundIn(readIfExists(`${file}-wal`))).toEqual([]);
    expect(statSync(file).size % 4096).toBe(0);
  });

  it('the same search finds the name in a plain store (so the check above is not vacuous)', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    const opened = openStore(file, null);
    await insertKnownPatient(opened);

    expect(foundIn(readFileSync(`${file}-wal`))).toEqual(NEEDLES);
    expect(readFileSync(file).subarray(0, 16).equals(SQLITE_HEADER)).toBe(true);

    await closeStore(opened);
    expect(foundIn(readFileSync(file))).toEqual(NEEDLES);
  });

  it('reads the data back when reopened with the right key', async () => {
    const { file, key } = await closedEncryptedStore();
    const reopened = openStore(file, key);
    expect(reopened.created).toBe(false);
    const patient = await new PatientRepository(reopened.db).findByMrn('MRN000042');
    expect(patient).toMatchObject({ id: PATIENT_ID, given_name: GIVEN, family_name: FAMILY, version: 1, deleted: 0 });
  });
});

describe('encrypted store: a wrong key changes nothing', () => {
  it('refuses a different key with DB_KEY_INVALID and leaves every file byte-for-byte the same', async () => {
    const { dir, file, key } = await closedEncryptedStore();
    const before = snapshotDir(dir);

    const error = openFailure(file, randomBytes(32));

    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('DB_KEY_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/cannot be opened with this key/);
    expect(error.message).toMatch(/Nothing was changed/);
    // No -wal or -shm appeared, and the database file is identical.
    expect(snapshotDir(dir)).toEqual(before);

    // ... and the right key still opens it.
    expect(await new PatientRepository(openStore(file, key).db).count()).toBe(1);
  });

  it('refuses to open an encrypted store without a key, unchanged', async () => {
    const { dir, file } = await closedEncryptedStore();
    const before = snapshotDir(dir);
    expect(openFailure(file, null)).toMatchObject({ code: 'DB_KEY_INVALID' });
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses a key of the wrong length before touching the disk', () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    const error = openFailure(file, randomBytes(16));
    expect(error).toMatchObject({ code: 'DB_KEY_INVALID', message: 'The database key must be 32 bytes' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file that is not a database (random bytes), unchanged, with or without a key', () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    writeFileSync(file, pseudoRandomBytes(16384, 'not a database'));
    const before = snapshotDir(dir);

    expect(openFailure(file, randomBytes(32))).toMatchObject({ code: 'DB_KEY_INVALID' });
    expect(snapshotDir(dir)).toEqual(before);
    expect(openFailure(file, null)).toMatchObject({ code: 'DB_KEY_INVALID' });
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses an unencrypted SQLite file when a key is given, unchanged', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    await closeStore(openStore(file, null));
    const before = snapshotDir(dir);
    expect(openFailure(file, randomBytes(32))).toMatchObject({ code: 'DB_KEY_INVALID' });
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('after a crash (WAL left behind), a wrong key leaves the database and WAL unchanged and the right key recovers the data', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    const key = randomBytes(32);
    const live = openStore(file, key);
    await insertKnownPatient(live);
    // Copying the files of a live store is what a power cut leaves: committed data only in the WAL.
    const crashed = makeTempDir();
    for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(crashed, name));
    const crashedFile = join(crashed, 'workstation.db');
    const walBefore = readFileSync(`${crashedFile}-wal`);
    const dbBefore = readFileSync(crashedFile);
    expect(walBefore.length).toBeGreaterThan(0);

    expect(openFailure(crashedFile, randomBytes(32))).toMatchObject({ code: 'DB_KEY_INVALID' });

    // The -shm file is SQLite's shared-memory index, rebuilt by whoever opens the file; it holds
    // no data. The data files themselves must be untouched.
    expect(readFileSync(crashedFile).equals(dbBefore)).toBe(true);
    expect(readFileSync(`${crashedFile}-wal`).equals(walBefore)).toBe(true);

    const recovered = openStore(crashedFile, key);
    expect(await new PatientRepository(recovered.db).findByMrn('MRN000042')).toMatchObject({ given_name: GIVEN });
  });
});

describe('encrypted store: connection settings', () => {
  it('opens with SQLCipher encryption, WAL, foreign keys, a busy timeout, FULL sync and memory temp storage', () => {
    const { raw } = track(openTempStore());
    const pragma = (name: string) => raw.pragma(name, { simple: true });
    expect(pragma('cipher')).toBe('sqlcipher');
    expect(Number(pragma('legacy'))).toBe(4); // SQLCipher 4 format
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('synchronous')).toBe(2); // FULL
    expect(pragma('temp_store')).toBe(2); // MEMORY
    expect(pragma('cache_size')).toBe(-65536); // 64 MiB of decrypted pages
  });

  it('uses the busy timeout it is given', () => {
    const dir = makeTempDir();
    const opened = openStore(join(dir, 'workstation.db'), randomBytes(32), 1234);
    expect(opened.raw.pragma('busy_timeout', { simple: true })).toBe(1234);
  });

  it('refuses a row that breaks a foreign key', async () => {
    const { opened } = track(openTempStore());
    const insert = new PatientRepository(opened.db).insert({
      id: PATIENT_ID,
      organizationId: '0a000000-0000-4000-8000-00000000dead',
      mrn: 'MRN000001',
      givenName: GIVEN,
      familyName: FAMILY,
      dateOfBirth: '1961-02-03',
      sex: 'male',
      now: T0,
    });
    await expect(insert).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(await new PatientRepository(opened.db).count()).toBe(0);
  });

  it('closes the connection even when no query ever ran, so the WAL is checkpointed away', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'workstation.db');
    const opened = openStore(file, randomBytes(32));
    await closeStore(opened);
    expect(opened.raw.open).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

function track<T extends { opened: OpenedDatabase }>(store: T): T {
  open.push(store.opened);
  return store;
}
