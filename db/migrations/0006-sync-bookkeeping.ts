import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'sync-bookkeeping',
  up(db) {
    // The outbox is written in the same transaction as the change it describes, so a change can
    // never be committed without being queued for the central API (or queued without committing).
    db.exec(`
      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id TEXT NOT NULL UNIQUE,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        operation TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
        row_version INTEGER NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        pushed_at TEXT
      );
      CREATE INDEX sync_outbox_pending ON sync_outbox(pushed_at, seq);

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
