import { SYNCED_COLUMNS, type Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'providers-appointments-encounters',
  up(db) {
    db.exec(`
      CREATE TABLE providers (
        id TEXT PRIMARY KEY NOT NULL,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        user_id TEXT REFERENCES users(id),
        given_name TEXT NOT NULL,
        family_name TEXT NOT NULL,
        specialty TEXT,
        license_number TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        ${SYNCED_COLUMNS}
      );

      CREATE TABLE appointments (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        provider_id TEXT NOT NULL REFERENCES providers(id),
        location_id TEXT REFERENCES locations(id),
        appointment_type TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'booked'
          CHECK (status IN ('booked', 'arrived', 'in_room', 'completed', 'cancelled', 'no_show')),
        cancel_reason TEXT,
        arrived_at TEXT,
        notes TEXT,
        ${SYNCED_COLUMNS},
        CHECK (ends_at > starts_at)
      );
      CREATE INDEX appointments_by_provider_time ON appointments(provider_id, starts_at);
      CREATE INDEX appointments_by_patient ON appointments(patient_id);

      CREATE TABLE encounters (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        provider_id TEXT REFERENCES providers(id),
        appointment_id TEXT REFERENCES appointments(id),
        location_id TEXT REFERENCES locations(id),
        status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'finished', 'cancelled')),
        chief_complaint TEXT,
        started_at TEXT,
        ended_at TEXT,
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX encounters_by_patient ON encounters(patient_id, started_at);
    `);
  },
};
