import type { Migration } from './migration';

export const migration0011: Migration = {
  version: 11,
  name: 'clinical-notes',
  up(db) {
    // Filled in by the change that adds this capability.
    db.exec('SELECT 1');
  },
};
