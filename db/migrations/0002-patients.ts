import { SYNCED_COLUMNS, type Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'patients',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id TEXT PRIMARY KEY NOT NULL,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        mrn TEXT NOT NULL UNIQUE,
        given_name TEXT NOT NULL,
        middle_name TEXT,
        family_name TEXT NOT NULL,
        date_of_birth TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        phone TEXT,
        email TEXT,
        address_line TEXT,
        city TEXT,
        region TEXT,
        postal_code TEXT,
        country TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        merged_into_id TEXT REFERENCES patients(id),
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX patients_by_birth_date ON patients(date_of_birth);
      CREATE INDEX patients_by_family_name ON patients(family_name COLLATE NOCASE);

      CREATE TABLE patient_identifiers (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        system TEXT NOT NULL CHECK (system IN ('national_id', 'insurance', 'other')),
        value TEXT NOT NULL,
        ${SYNCED_COLUMNS},
        UNIQUE (system, value)
      );
      CREATE INDEX patient_identifiers_by_patient ON patient_identifiers(patient_id);

      CREATE TABLE patient_contacts (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        kind TEXT NOT NULL CHECK (kind IN ('emergency', 'guardian', 'next_of_kin', 'other')),
        name TEXT NOT NULL,
        relationship TEXT,
        phone TEXT,
        email TEXT,
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX patient_contacts_by_patient ON patient_contacts(patient_id);
    `);
  },
};
