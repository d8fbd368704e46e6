import type { Migration } from './migration';

/**
 * Finding the waiting reading a new one supersedes must not scan every reading a device ever
 * sent: a lab analyzer's results for different samples all stay pending side by side, so without
 * the sample in the index each new result scanned all of them (quadratic over a bulk upload).
 */
export const migration0010: Migration = {
  version: 10,
  name: 'pending-readings-index',
  up(db) {
    db.exec(`
      CREATE INDEX device_readings_pending_by_sample ON device_readings(device_id, code, sample_id) WHERE status = 'pending';
    `);
  },
};
