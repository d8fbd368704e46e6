import { SYNCED_COLUMNS, type Migration } from './migration';

/**
 * Encounter documentation: the patient's symptoms next to the chief complaint, and SOAP notes.
 * A signed note is part of the legal record: it is never changed in place, only amended by a new
 * note that points back to it. The triggers hold that line whatever writes the file (sync, a
 * repair script), not only the service.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'clinical-notes',
  up(db) {
    db.exec(`
      -- JSON array of {name, onset, severity, duration}, as the clinician recorded them.
      ALTER TABLE encounters ADD COLUMN symptoms TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(symptoms) AND json_type(symptoms) = 'array');

      CREATE TABLE clinical_notes (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        encounter_id TEXT NOT NULL REFERENCES encounters(id),
        author_id TEXT NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL DEFAULT 'soap' CHECK (kind IN ('soap')),
        subjective TEXT NOT NULL DEFAULT '',
        objective TEXT NOT NULL DEFAULT '',
        assessment TEXT NOT NULL DEFAULT '',
        plan TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed', 'amended', 'entered-in-error')),
        signed_at TEXT,
        signed_by TEXT REFERENCES users(id),
        amends_note_id TEXT REFERENCES clinical_notes(id),
        amendment_reason TEXT,
        ${SYNCED_COLUMNS},
        -- Signed by its author, and a signed (or since amended) note says when.
        CHECK (signed_by IS NULL OR signed_by = author_id),
        CHECK (status NOT IN ('signed', 'amended') OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)),
        CHECK (status <> 'draft' OR (signed_at IS NULL AND signed_by IS NULL)),
        -- An amendment always says why.
        CHECK ((amends_note_id IS NULL) = (amendment_reason IS NULL)),
        CHECK (amends_note_id IS NULL OR amends_note_id <> id)
      );
      CREATE INDEX clinical_notes_by_encounter ON clinical_notes(encounter_id, created_at);
      CREATE INDEX clinical_notes_by_patient ON clinical_notes(patient_id, created_at);
      CREATE INDEX clinical_notes_by_amended_note ON clinical_notes(amends_note_id) WHERE amends_note_id IS NOT NULL;

      -- Once signed, only one change is allowed: signed -> amended, when its amendment is signed.
      -- patient_id may move: merging two records of one person moves their notes, as written.
      CREATE TRIGGER clinical_notes_signed_are_final BEFORE UPDATE ON clinical_notes
      WHEN OLD.status <> 'draft' AND (
        NEW.subjective IS NOT OLD.subjective OR NEW.objective IS NOT OLD.objective
        OR NEW.assessment IS NOT OLD.assessment OR NEW.plan IS NOT OLD.plan
        OR NEW.encounter_id IS NOT OLD.encounter_id
        OR NEW.author_id IS NOT OLD.author_id OR NEW.kind IS NOT OLD.kind
        OR NEW.signed_at IS NOT OLD.signed_at OR NEW.signed_by IS NOT OLD.signed_by
        OR NEW.amends_note_id IS NOT OLD.amends_note_id OR NEW.amendment_reason IS NOT OLD.amendment_reason
        OR NEW.deleted IS NOT OLD.deleted
        OR (NEW.status IS NOT OLD.status AND NOT (OLD.status = 'signed' AND NEW.status = 'amended'))
      )
      BEGIN
        SELECT RAISE(ABORT, 'a signed note is never changed in place; amend it');
      END;

      CREATE TRIGGER clinical_notes_signed_are_kept BEFORE DELETE ON clinical_notes
      WHEN OLD.status <> 'draft'
      BEGIN
        SELECT RAISE(ABORT, 'a signed note is never deleted');
      END;
    `);
  },
};
