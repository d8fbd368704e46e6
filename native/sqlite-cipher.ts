import Database from 'better-sqlite3-multiple-ciphers';

/**
 * The SQLite build with SQLite3MultipleCiphers (SQLCipher-compatible encryption), behind the
 * better-sqlite3 API. db/ receives this constructor; it never loads the native module itself.
 */
export const SqliteCipherDriver = Database;
