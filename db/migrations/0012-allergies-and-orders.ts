import type { Migration } from './migration';

export const migration0012: Migration = {
  version: 12,
  name: 'allergies-and-orders',
  up(db) {
    // Filled in by the change that adds this capability.
    db.exec('SELECT 1');
  },
};
