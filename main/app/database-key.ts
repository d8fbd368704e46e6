import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { AppError } from '../../common/rpc/errors';
import { DB_KEY_BYTES } from '../../db/open-database';
import type { KeyStore } from '../ports/key-store';

/**
 * The key for the store: loaded, or on first run (no database yet) made from 256 random bits and
 * saved before the database is created, so a crash in between never leaves an unopenable file.
 */
export async function loadOrCreateDatabaseKey(keyStore: KeyStore, databaseFile: string): Promise<Uint8Array> {
  const existing = await keyStore.load();
  if (existing) return existing;
  if (existsSync(databaseFile)) {
    throw new AppError(
      'DB_KEY_INVALID',
      `The workstation database ${databaseFile} exists but its key is missing from the ${keyStore.description}. Restore the key or the backup; nothing was changed.`,
    );
  }
  const key = randomBytes(DB_KEY_BYTES);
  await keyStore.save(key);
  return key;
}
