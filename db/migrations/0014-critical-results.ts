import type { Migration } from './migration';

/**
 * Critical result alerts. Local only (no synced columns, never in the outbox): an alert is this
 * workstation's notification that a result it received or charted must reach a physician now; the
 * result itself (the observation) is what syncs. Acknowledgements are kept here and audited in
 * audit_events. An alert links to the device reading that raised it and, once accepted, to the
 * observation, so charting the reading does not raise a second alert.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'critical-results',
  up(db) {
    db.exec(`
      CREATE TABLE critical_alerts (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        encounter_id TEXT REFERENCES encounters(id),
        observation_id TEXT REFERENCES observations(id),
        device_reading_id TEXT REFERENCES device_readings(id),
        code TEXT NOT NULL,
        display TEXT,
        value_text TEXT NOT NULL,
        unit TEXT,
        flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
        reason TEXT NOT NULL,
        responsible_user_id TEXT REFERENCES users(id),
        observed_at TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        acknowledged_by TEXT REFERENCES users(id),
        acknowledged_at TEXT,
        acknowledgement_note TEXT,
        CHECK (observation_id IS NOT NULL OR device_reading_id IS NOT NULL),
        CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
        CHECK (acknowledgement_note IS NULL OR acknowledged_at IS NOT NULL)
      );
      -- One alert per result, whichever way it arrived.
      CREATE UNIQUE INDEX critical_alerts_by_observation ON critical_alerts(observation_id) WHERE observation_id IS NOT NULL;
      CREATE UNIQUE INDEX critical_alerts_by_reading ON critical_alerts(device_reading_id) WHERE device_reading_id IS NOT NULL;
      -- The banner asks for the open ones on every sign-in and every event.
      CREATE INDEX critical_alerts_open ON critical_alerts(raised_at) WHERE acknowledged_at IS NULL;
      CREATE INDEX critical_alerts_by_patient ON critical_alerts(patient_id);
      -- An acknowledgement is final: it is never changed or taken back, and no alert is deleted.
      CREATE TRIGGER critical_alerts_ack_final BEFORE UPDATE OF acknowledged_by, acknowledged_at, acknowledgement_note ON critical_alerts
        WHEN OLD.acknowledged_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'critical alert already acknowledged'); END;
      CREATE TRIGGER critical_alerts_no_delete BEFORE DELETE ON critical_alerts
        BEGIN SELECT RAISE(ABORT, 'critical alerts are never deleted'); END;
    `);
  },
};
