import type { Migration } from './migration';

/**
 * Device capture. The journal keeps every message exactly as received, written before the device
 * is acknowledged, so nothing a device sent is lost if the app dies between ACK and charting.
 * Journal and captured readings are local to this workstation (not synced); what a clinician
 * accepts becomes an observation, which is.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'device-journal-and-captures',
  up(db) {
    db.exec(`
      -- The workstation a device is cabled to: only that workstation opens its port.
      ALTER TABLE devices ADD COLUMN workstation_id TEXT;
      CREATE INDEX devices_by_workstation ON devices(workstation_id);

      ALTER TABLE observations ADD COLUMN order_id TEXT REFERENCES orders(id);
      ALTER TABLE observations ADD COLUMN reference_range TEXT;
      -- JSON array of flags as the device or the nurse gave them (high, critical-low, ...).
      ALTER TABLE observations ADD COLUMN interpretation TEXT;

      CREATE TABLE device_journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL REFERENCES devices(id),
        protocol TEXT NOT NULL,
        received_at TEXT NOT NULL,
        raw BLOB NOT NULL,
        -- Set for protocols whose messages can be resent (HL7 MSH-10, ASTM/HID content hash):
        -- a resend is acknowledged again but stored once.
        dedupe_key TEXT,
        message_id TEXT,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'failed')),
        error TEXT,
        reading_count INTEGER NOT NULL DEFAULT 0,
        processed_at TEXT
      );
      CREATE UNIQUE INDEX device_journal_dedupe ON device_journal(device_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
      CREATE INDEX device_journal_pending ON device_journal(status) WHERE status = 'pending';
      CREATE INDEX device_journal_by_device ON device_journal(device_id, seq);

      CREATE TABLE device_readings (
        id TEXT PRIMARY KEY NOT NULL,
        journal_seq INTEGER NOT NULL REFERENCES device_journal(seq),
        device_id TEXT NOT NULL REFERENCES devices(id),
        -- Where the reading goes: the encounter active at the device's room or workstation, or
        -- the patient the message names. patient_conflict is set when those two disagree.
        patient_id TEXT REFERENCES patients(id),
        encounter_id TEXT REFERENCES encounters(id),
        order_id TEXT REFERENCES orders(id),
        message_patient_id TEXT,
        message_patient_match TEXT REFERENCES patients(id),
        patient_conflict INTEGER NOT NULL DEFAULT 0 CHECK (patient_conflict IN (0, 1)),
        sample_id TEXT,
        code TEXT NOT NULL,
        code_system TEXT,
        display TEXT,
        loinc TEXT,
        ucum TEXT,
        value_text TEXT NOT NULL,
        unit TEXT NOT NULL,
        flags TEXT NOT NULL DEFAULT '[]',
        reference_range TEXT,
        comments TEXT NOT NULL DEFAULT '[]',
        valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
        observed_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'accepted', 'rejected', 'superseded')),
        decided_by TEXT REFERENCES users(id),
        decided_at TEXT,
        decision_note TEXT,
        observation_id TEXT REFERENCES observations(id)
      );
      CREATE INDEX device_readings_pending_by_patient ON device_readings(patient_id, status);
      CREATE INDEX device_readings_pending_by_encounter ON device_readings(encounter_id, status);
      CREATE INDEX device_readings_by_status ON device_readings(status, received_at);
      CREATE INDEX device_readings_by_device_code ON device_readings(device_id, code, status);
      CREATE INDEX device_readings_by_journal ON device_readings(journal_seq);
    `);
  },
};
