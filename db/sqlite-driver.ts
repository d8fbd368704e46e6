/**
 * The part of the better-sqlite3 API the store uses. db/ never loads the native module itself:
 * native/ provides the SQLite cipher build and main/ hands it in, so db/ stays testable and the
 * dependency rule (db -> common only) holds.
 */
export interface SqliteStatement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): () => void;
  close(): unknown;
  readonly open: boolean;
  readonly inTransaction: boolean;
}

export type SqliteDriver = new (filename: string, options?: { timeout?: number; fileMustExist?: boolean }) => SqliteConnection;
