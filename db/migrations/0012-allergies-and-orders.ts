import { SYNCED_COLUMNS, type Migration } from './migration';

/**
 * Allergies, and what orders need beyond 0004: lab order details as columns (the analyzer's
 * accession is looked up on every lab result; priority and specimen are shown in lists) and why an
 * order was cancelled or signed despite an allergy. Medication details (dose, route, frequency...)
 * stay in the orders.details JSON, validated by the contract's schema on the way in and out.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'allergies-and-orders',
  up(db) {
    db.exec(`
      CREATE TABLE allergies (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        allergen TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('drug', 'substance')),
        code_system TEXT,
        code TEXT,
        reaction TEXT,
        severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe', 'unknown')),
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'entered-in-error')),
        recorded_by TEXT REFERENCES users(id),
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX allergies_by_patient ON allergies(patient_id);

      ALTER TABLE orders ADD COLUMN accession_number TEXT;
      ALTER TABLE orders ADD COLUMN priority TEXT CHECK (priority IN ('routine', 'urgent', 'stat'));
      ALTER TABLE orders ADD COLUMN specimen TEXT;
      ALTER TABLE orders ADD COLUMN status_reason TEXT;
      ALTER TABLE orders ADD COLUMN allergy_override_reason TEXT;
      ALTER TABLE orders ADD COLUMN status_changed_by TEXT REFERENCES users(id);
      ALTER TABLE orders ADD COLUMN status_changed_at TEXT;

      CREATE INDEX orders_by_accession ON orders(accession_number);
      -- An analyzer names a sample by its accession alone, so two live lab orders must never share
      -- one. A cancelled or mistaken order keeps its number (for the record) without blocking it.
      CREATE UNIQUE INDEX orders_live_accession ON orders(accession_number)
        WHERE accession_number IS NOT NULL AND kind = 'lab' AND deleted = 0
          AND status NOT IN ('cancelled', 'entered-in-error');
      CREATE INDEX orders_by_encounter ON orders(encounter_id);
    `);
  },
};
