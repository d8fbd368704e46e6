import type { Migration } from './migration';

/**
 * The vital signs with a unit as they were when this migration was written
 * (DEFAULT_FLOWSHEET_CODES). A migration never changes, so the list is frozen here; the results
 * query repeats the current list literally, and the 0015 migration test fails if the two drift
 * apart (the index would silently stop being used).
 */
const VITAL_CODES = `'8480-6', '8462-4', '8478-0', '8867-4', '9279-1', '59408-5', '8310-5', '8302-2', '29463-7', '39156-5', '2339-0'`;

/**
 * The chart opens often and a patient may have tens of thousands of observations.
 * - A flowsheet series reads one code of one patient in time order and needs only the time and
 *   the number to downsample: with (patient, code, time, value) in a partial index of the live
 *   observations, that scan reads the index alone, and only the few hundred points kept are read
 *   from the table. (deleted and status are in the columns too: SQLite still reads the columns of
 *   the partial index's own condition, and without them the scan would not be covering.) Before, each measure scanned and decrypted every observation of the patient.
 * - The timeline's results (anything but vital signs) get their own time index, so a page of lab
 *   results does not walk back through years of monitor readings between them.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'chart-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX observations_chart_by_code ON observations(patient_id, code, observed_at, value_numeric, deleted, status)
        WHERE deleted = 0 AND status NOT IN ('cancelled', 'entered-in-error');
      CREATE INDEX observations_results_by_time ON observations(patient_id, observed_at)
        WHERE code NOT IN (${VITAL_CODES});
    `);
  },
};
