import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { KeyStore } from '../ports/key-store';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * Headless mode has no OS keychain: the key comes from AIPC_DB_KEY (64 hex characters) when set,
 * otherwise from `db.key` in the data directory, readable by the owner only (0600).
 */
export function createHeadlessKeyStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyStore {
  const fromEnv = env.AIPC_DB_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!HEX_KEY.test(fromEnv)) throw new Error('AIPC_DB_KEY must be 64 hexadecimal characters (a 256-bit key)');
    return {
      description: 'environment variable AIPC_DB_KEY',
      async load() {
        return Buffer.from(fromEnv, 'hex');
      },
      async save() {
        // The key was given to us; nothing to store.
      },
    };
  }
  return createKeyFileStore(join(dataDir, 'db.key'));
}

export function createKeyFileStore(file: string): KeyStore {
  return {
    description: `key file ${file} (mode 0600)`,
    async load() {
      let text: string;
      try {
        text = (await fs.readFile(file, 'utf8')).trim();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      if (!HEX_KEY.test(text)) throw new Error(`The key file ${file} is damaged: expected 64 hexadecimal characters`);
      return Buffer.from(text, 'hex');
    },
    async save(key) {
      const tmp = `${file}.tmp`;
      // Written with 0600 from the first byte, then renamed, so the key is never world-readable.
      await fs.writeFile(tmp, Buffer.from(key).toString('hex') + '\n', { mode: 0o600, flag: 'w' });
      await fs.chmod(tmp, 0o600);
      await fs.rename(tmp, file);
    },
  };
}
