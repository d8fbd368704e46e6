import type { SqliteConnection } from '../sqlite-driver';
import { patientSearchDocument, SEARCH_INDEX_SQL, type PatientSearchSource } from '../search/patient-search-document';
import { SYNCED_COLUMNS, type Migration } from './migration';

export const migration0007: Migration = {
  version: 7,
  name: 'patient-search-and-history',
  up(db) {
    db.exec(`
      -- FTS5 rowids must be integers, and a patient's implicit rowid may change on VACUUM, so each
      -- patient gets a stable document number here. Local to this workstation: not synced.
      CREATE TABLE patient_search_keys (
        doc INTEGER PRIMARY KEY,
        patient_id TEXT NOT NULL UNIQUE REFERENCES patients(id)
      );

      -- Contentless: the patients table has the text; this holds only the index. The text written
      -- is already folded (accents, case) by the repository, in the same transaction as the
      -- patient row. Prefix indexes of 1-3 characters make "as you type" queries one lookup.
      CREATE VIRTUAL TABLE patient_search USING fts5(
        names, mrn, dob, phone, flags,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );

      -- Every folded name word ever indexed: the typo-tolerant search compares against these
      -- (a few thousand words) instead of a million patients. Words are never removed; a stale
      -- one only costs one empty index lookup.
      CREATE TABLE patient_name_words (word TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;

      -- Who changed what on a patient record, and when. Written in the same transaction as the
      -- change; synced like the record itself.
      CREATE TABLE patient_changes (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        changed_at TEXT NOT NULL,
        user_id TEXT REFERENCES users(id),
        username TEXT,
        kind TEXT NOT NULL
          CHECK (kind IN ('registered', 'updated', 'deactivated', 'reactivated', 'merged_into', 'merged_from')),
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        related_patient_id TEXT REFERENCES patients(id),
        ${SYNCED_COLUMNS},
        CHECK ((kind = 'updated') = (field IS NOT NULL)),
        CHECK ((kind IN ('merged_into', 'merged_from')) = (related_patient_id IS NOT NULL))
      );
      CREATE INDEX patient_changes_by_patient ON patient_changes(patient_id, changed_at);

      -- "Merged from" on the survivor's record.
      CREATE INDEX patients_by_merged_into ON patients(merged_into_id) WHERE merged_into_id IS NOT NULL;
    `);
    backfillSearchIndex(db);
  },
};

/** Indexes the patients already there, in this migration's transaction. */
function backfillSearchIndex(db: SqliteConnection): void {
  const ensureKey = db.prepare(SEARCH_INDEX_SQL.ensureKey);
  const keyOf = db.prepare(SEARCH_INDEX_SQL.keyOf);
  const insertDocument = db.prepare(SEARCH_INDEX_SQL.insertDocument);
  const addWord = db.prepare(SEARCH_INDEX_SQL.addWord);
  const patients = db
    .prepare('SELECT id, mrn, given_name, middle_name, family_name, date_of_birth, phone, active FROM patients ORDER BY rowid')
    .all() as (PatientSearchSource & { id: string })[];
  for (const patient of patients) {
    ensureKey.run(patient.id);
    const { doc } = keyOf.get(patient.id) as { doc: number };
    const d = patientSearchDocument(patient);
    insertDocument.run(doc, d.names, d.mrn, d.dob, d.phone, d.flags);
    for (const word of d.words) addWord.run(word);
  }
}
