import type { Migration } from './migration';

export const migration0013: Migration = {
  version: 13,
  name: 'problems-medications-care-plans',
  up(db) {
    // Filled in by the change that adds this capability.
    db.exec('SELECT 1');
  },
};
