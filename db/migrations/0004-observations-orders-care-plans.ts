import { SYNCED_COLUMNS, type Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'observations-orders-care-plans',
  up(db) {
    db.exec(`
      CREATE TABLE devices (
        id TEXT PRIMARY KEY NOT NULL,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        location_id TEXT REFERENCES locations(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        protocol TEXT NOT NULL,
        transport TEXT NOT NULL CHECK (transport IN ('serial', 'usb', 'tcp')),
        config TEXT NOT NULL DEFAULT '{}',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        ${SYNCED_COLUMNS}
      );

      -- value_text keeps the value exactly as measured ("37.0" is not "37"); value_numeric is for
      -- ranges and charts only.
      CREATE TABLE observations (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        encounter_id TEXT REFERENCES encounters(id),
        panel_id TEXT REFERENCES observations(id),
        code_system TEXT NOT NULL,
        code TEXT NOT NULL,
        display TEXT,
        value_text TEXT,
        value_numeric REAL,
        unit TEXT,
        observed_at TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error')),
        source TEXT NOT NULL CHECK (source IN ('manual', 'device', 'import')),
        device_id TEXT REFERENCES devices(id),
        performer_id TEXT REFERENCES users(id),
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX observations_by_patient_time ON observations(patient_id, observed_at);
      CREATE INDEX observations_by_encounter ON observations(encounter_id);

      CREATE TABLE orders (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        encounter_id TEXT REFERENCES encounters(id),
        kind TEXT NOT NULL CHECK (kind IN ('medication', 'lab')),
        code_system TEXT NOT NULL,
        code TEXT NOT NULL,
        display TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL
          CHECK (status IN ('draft', 'active', 'completed', 'cancelled', 'entered-in-error')),
        sample_id TEXT,
        ordered_by TEXT REFERENCES users(id),
        signed_by TEXT REFERENCES users(id),
        signed_at TEXT,
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX orders_by_patient ON orders(patient_id);
      CREATE INDEX orders_by_sample ON orders(sample_id);

      CREATE TABLE care_plans (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        encounter_id TEXT REFERENCES encounters(id),
        title TEXT NOT NULL,
        description TEXT,
        status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'completed', 'revoked')),
        period_start TEXT,
        period_end TEXT,
        author_id TEXT REFERENCES users(id),
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX care_plans_by_patient ON care_plans(patient_id);
    `);
  },
};
