import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { KeyStore } from '../ports/key-store';

/**
 * The desktop app's key store: the key is encrypted with Electron safeStorage (DPAPI on Windows,
 * the login Keychain on macOS, libsecret/kwallet on Linux) and the ciphertext kept in userData.
 * No extra native module or install is needed on Windows and macOS (see docs/security.md).
 */
export function createSafeStorageKeyStore(dataDir: string): KeyStore {
  const file = join(dataDir, 'db.key.enc');
  const requireEncryption = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('The operating system keychain is not available, so the database key cannot be protected');
    }
  };
  return {
    description: `OS keychain via Electron safeStorage (${file})`,
    async load() {
      let blob: Buffer;
      try {
        blob = await fs.readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      requireEncryption();
      return Buffer.from(safeStorage.decryptString(blob), 'hex');
    },
    async save(key) {
      requireEncryption();
      const tmp = `${file}.tmp`;
      await fs.writeFile(tmp, safeStorage.encryptString(Buffer.from(key).toString('hex')), { mode: 0o600 });
      await fs.rename(tmp, file);
    },
  };
}
