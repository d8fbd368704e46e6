import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'audit-events',
  up(db) {
    // Append-only: triggers refuse updates and deletes so a bug cannot rewrite history.
    // (Hash chaining for tamper evidence against raw file edits comes with security hardening.)
    db.exec(`
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        user_id TEXT,
        username TEXT,
        action TEXT NOT NULL,
        patient_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'invalid', 'denied', 'unauthenticated', 'error')),
        error_code TEXT,
        transport TEXT NOT NULL
      );
      CREATE INDEX audit_events_by_user ON audit_events(user_id, seq);
      CREATE INDEX audit_events_by_patient ON audit_events(patient_id, seq);

      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    `);
  },
};
