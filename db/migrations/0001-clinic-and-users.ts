import { SYNCED_COLUMNS, type Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'clinic-and-users',
  up(db) {
    db.exec(`
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        phone TEXT,
        email TEXT,
        address TEXT,
        ${SYNCED_COLUMNS}
      );

      CREATE TABLE locations (
        id TEXT PRIMARY KEY NOT NULL,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        parent_id TEXT REFERENCES locations(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('site', 'department', 'room', 'workstation')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX locations_by_organization ON locations(organization_id);

      CREATE TABLE users (
        id TEXT PRIMARY KEY NOT NULL,
        organization_id TEXT REFERENCES organizations(id),
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('front_desk', 'nurse', 'physician', 'admin')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        failed_login_count INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        last_login_at TEXT,
        password_changed_at TEXT NOT NULL,
        ${SYNCED_COLUMNS}
      );

      -- Workstation-local settings (MRN pattern, session timeouts, ...); not synced.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
