/**
 * Where the database key lives: the OS keychain via Electron safeStorage in the desktop app, a
 * 0600 key file or AIPC_DB_KEY in headless mode. The key never leaves main.
 */
export interface KeyStore {
  /** A short description for logs and docs (never the key). */
  readonly description: string;
  load(): Promise<Uint8Array | null>;
  save(key: Uint8Array): Promise<void>;
}
