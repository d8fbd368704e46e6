import { SYNCED_COLUMNS, type Migration } from './migration';

const OCCUPYING = `('booked', 'arrived', 'in_room', 'completed')`;
// Instants are compared as text, which orders them correctly only in one exact shape.
const INSTANT_GLOB = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'`;
const WALL_TIME_GLOB = `'[0-2][0-9]:[0-5][0-9]'`;

/** The body both guard triggers share: well-formed instants, and no overlap for the provider. */
const GUARD = `
  SELECT RAISE(ABORT, 'appointment times must be UTC instants like 2026-03-02T09:00:00.000Z')
  WHERE NEW.starts_at NOT GLOB ${INSTANT_GLOB} OR NEW.ends_at NOT GLOB ${INSTANT_GLOB};
  SELECT RAISE(ABORT, 'double booking: the provider already has an appointment at this time')
  WHERE EXISTS (
    SELECT 1 FROM appointments other
    WHERE other.provider_id = NEW.provider_id
      AND other.id <> NEW.id
      AND other.deleted = 0
      AND other.status IN ${OCCUPYING}
      AND other.starts_at < NEW.ends_at
      AND other.ends_at > NEW.starts_at
  );`;

export const migration0008: Migration = {
  version: 8,
  name: 'schedules-and-appointment-types',
  up(db) {
    db.exec(`
      CREATE TABLE appointment_types (
        id TEXT PRIMARY KEY NOT NULL,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        name TEXT NOT NULL,
        duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480 AND duration_minutes % 5 = 0),
        colour TEXT NOT NULL CHECK (colour IN ('blue', 'green', 'teal', 'purple', 'orange', 'red', 'pink', 'grey')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        ${SYNCED_COLUMNS}
      );
      CREATE UNIQUE INDEX appointment_types_unique_name ON appointment_types(organization_id, name COLLATE NOCASE) WHERE deleted = 0;

      -- Wall-clock times in the clinic's time zone (settings 'clinic.time_zone'), per ISO weekday.
      CREATE TABLE provider_working_hours (
        id TEXT PRIMARY KEY NOT NULL,
        provider_id TEXT NOT NULL REFERENCES providers(id),
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_time TEXT NOT NULL CHECK (start_time GLOB ${WALL_TIME_GLOB} AND start_time <= '23:59'),
        end_time TEXT NOT NULL CHECK (end_time GLOB ${WALL_TIME_GLOB} AND end_time <= '24:00'),
        kind TEXT NOT NULL CHECK (kind IN ('work', 'break')),
        valid_from TEXT,
        valid_to TEXT,
        ${SYNCED_COLUMNS},
        CHECK (end_time > start_time),
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      );
      CREATE INDEX provider_working_hours_by_provider ON provider_working_hours(provider_id, weekday);

      ALTER TABLE appointments ADD COLUMN appointment_type_id TEXT REFERENCES appointment_types(id);
      ALTER TABLE appointments ADD COLUMN recurrence_group_id TEXT;
      ALTER TABLE appointments ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1));
      ALTER TABLE appointments ADD COLUMN room_id TEXT REFERENCES locations(id);
      ALTER TABLE appointments ADD COLUMN in_room_at TEXT;
      ALTER TABLE appointments ADD COLUMN completed_at TEXT;
      -- The whole clinic's day view reads by start time across providers.
      CREATE INDEX appointments_by_start ON appointments(starts_at);
      CREATE INDEX appointments_by_recurrence ON appointments(recurrence_group_id) WHERE recurrence_group_id IS NOT NULL;

      -- Check-in opens exactly one encounter per appointment.
      CREATE UNIQUE INDEX encounters_one_per_appointment ON encounters(appointment_id) WHERE appointment_id IS NOT NULL AND deleted = 0;

      -- Second line of defence behind the service's transaction: whatever writes the file, a
      -- provider never holds two overlapping appointments that occupy their time.
      CREATE TRIGGER appointments_guard_insert BEFORE INSERT ON appointments
      WHEN NEW.deleted = 0 AND NEW.status IN ${OCCUPYING}
      BEGIN ${GUARD}
      END;

      CREATE TRIGGER appointments_guard_update BEFORE UPDATE OF provider_id, starts_at, ends_at, status, deleted ON appointments
      WHEN NEW.deleted = 0 AND NEW.status IN ${OCCUPYING}
        AND (OLD.deleted = 1 OR OLD.status NOT IN ${OCCUPYING}
          OR NEW.provider_id IS NOT OLD.provider_id OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at)
      BEGIN ${GUARD}
      END;
    `);
  },
};
