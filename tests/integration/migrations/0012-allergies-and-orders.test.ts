import { describe, expect, it } from 'vitest';
import { IDS, insertEncounter, insertOrder, insertOrganization, insertPatient, insertProvider, insertRow, insertUser } from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, expectUsesIndex, useMigrationStores } from '../../support/migration-test-kit';
import { T0, columnsOf, expectRefused, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();
const ALLERGY = '5a000000-0000-4000-8000-000000000001';
const SECOND_ORDER = '1f000000-0000-4000-8000-000000000002';

/** A store at version 11 with a patient and a lab order from before, then migration 12. */
function migratedFromEleven(): TempStore {
  return stores.migrated({
    to: 12,
    absent: ['allergies'],
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertPatient(raw);
      insertProvider(raw);
      insertEncounter(raw);
      insertOrder(raw);
    },
  });
}

function allergy(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertRow(raw, 'allergies', {
    id: ALLERGY, patient_id: IDS.patient, allergen: 'Penicillin', category: 'drug', reaction: 'Hives', severity: 'moderate',
    status: 'active', recorded_by: IDS.admin, created_at: T0, updated_at: T0, ...row,
  });
}

function labOrder(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertOrder(raw, { id: SECOND_ORDER, sample_id: 'ACC-20260302-0001', accession_number: 'ACC-20260302-0001', status: 'draft', ...row });
}

describe('migration 0012 allergies-and-orders', () => {
  it('adds allergies and the lab order columns, keeping existing orders', () => {
    const { raw } = migratedFromEleven();
    expectSchema(raw, {
      synced: ['allergies'],
      indexes: {
        allergies: ['allergies_by_patient'],
        orders: ['orders_by_accession', 'orders_by_encounter', 'orders_by_patient', 'orders_by_sample', 'orders_live_accession'],
      },
      foreignKeys: { allergies: { patient_id: 'patients', recorded_by: 'users' } },
    });
    for (const c of ['accession_number', 'priority', 'specimen', 'status_reason', 'allergy_override_reason', 'status_changed_by', 'status_changed_at']) {
      expect(columnsOf(raw, 'orders').has(c), c).toBe(true);
    }
    expect(raw.prepare('SELECT sample_id, status, accession_number, priority FROM orders').get()).toEqual({
      sample_id: 'S-0001', status: 'active', accession_number: null, priority: null,
    });
    allergy(raw);
    expectSyncedRowRules(raw, [['allergies', ALLERGY]]);
  });

  it('checks allergy values and links', () => {
    const { raw } = migratedFromEleven();
    expectRefused(() => allergy(raw, { severity: 'deadly' }), 'CHECK');
    expectRefused(() => allergy(raw, { status: 'resolved' }), 'CHECK');
    expectRefused(() => allergy(raw, { category: 'food' }), 'CHECK');
    expectRefused(() => allergy(raw, { patient_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => allergy(raw, { allergen: null }), 'NOT NULL');
    allergy(raw);
    expect(raw.prepare('SELECT allergen, status FROM allergies').all()).toEqual([{ allergen: 'Penicillin', status: 'active' }]);
  });

  it('keeps an accession unique among live lab orders, and free again once its order is cancelled', () => {
    const { raw } = migratedFromEleven();
    labOrder(raw);
    expectRefused(() => labOrder(raw, { id: '1f000000-0000-4000-8000-000000000003' }), 'UNIQUE');
    expectRefused(() => labOrder(raw, { id: '1f000000-0000-4000-8000-000000000003', priority: 'whenever' }), 'CHECK');
    raw.prepare(`UPDATE orders SET status = 'cancelled' WHERE id = ?`).run(SECOND_ORDER);
    labOrder(raw, { id: '1f000000-0000-4000-8000-000000000003' });
    expect((raw.prepare(`SELECT count(*) AS n FROM orders WHERE accession_number = 'ACC-20260302-0001'`).get() as { n: number }).n).toBe(2);
    // The lookup an analyzer result and the accession check make.
    expectUsesIndex(raw, `SELECT id FROM orders WHERE accession_number = ?`, 'orders_', 'ACC-20260302-0001');
  });
});
