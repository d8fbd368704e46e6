import type { SqliteConnection } from '../sqlite-driver';

export interface Migration {
  /** 1, 2, 3, ...: the position in the static list, recorded in schema_migrations and user_version. */
  readonly version: number;
  readonly name: string;
  up(db: SqliteConnection): void;
}

/**
 * Columns every synced row carries: a UUID made on the workstation (offline-safe), times, a version
 * for optimistic concurrency and a deleted flag (clinical data is never hard-deleted).
 */
export const SYNCED_COLUMNS = `
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;
