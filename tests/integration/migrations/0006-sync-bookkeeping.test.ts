import { describe, expect, it } from 'vitest';
import { IDS, insertAuditEvent, insertOrganization, insertPatient, insertRow, insertUser } from '../../support/migration-fixtures';
import { expectSchema, expectUsesIndex, useMigrationStores } from '../../support/migration-test-kit';
import { T0, expectEverySyncedTableHasSyncedColumns, expectRefused, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();

/** A store at version 5 with a patient and an audit event, then migration 6. */
function migratedFromFive(): TempStore {
  return stores.migrated({
    to: 6,
    absent: ['sync_outbox', 'sync_state'],
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertPatient(raw);
      insertAuditEvent(raw);
    },
  });
}

function queueChange(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertRow(raw, 'sync_outbox', {
    change_id: '3a000000-0000-4000-8000-000000000001',
    table_name: 'patients',
    row_id: IDS.patient,
    operation: 'upsert',
    row_version: 1,
    payload: JSON.stringify({ id: IDS.patient, mrn: 'MRN000001' }),
    created_at: T0,
    ...row,
  });
}

describe('migration 0006 sync-bookkeeping', () => {
  it('adds the outbox and the sync state, keeping patients and the (still append-only) audit log', () => {
    const { raw } = migratedFromFive();
    expectSchema(raw, {
      columns: {
        sync_outbox: ['seq', 'change_id', 'table_name', 'row_id', 'operation', 'row_version', 'payload', 'created_at', 'pushed_at'],
        sync_state: ['key', 'value', 'updated_at'],
      },
      indexes: { sync_outbox: ['sync_outbox_pending'] },
    });

    expect(raw.prepare('SELECT mrn FROM patients').all()).toEqual([{ mrn: 'MRN000001' }]);
    expect(raw.prepare('SELECT id, action FROM audit_events').all()).toEqual([{ id: IDS.auditEvent, action: 'patients.get' }]);
    expect(() => raw.prepare('DELETE FROM audit_events').run()).toThrow('audit events are append-only');
    // The latest schema as a whole keeps the synced-row rule.
    expectEverySyncedTableHasSyncedColumns(raw);
  });

  it('queues changes in order and finds the pending ones through the index', () => {
    const { raw } = migratedFromFive();
    queueChange(raw);
    queueChange(raw, { change_id: '3a000000-0000-4000-8000-000000000002', operation: 'delete', row_version: 2 });
    raw.prepare('UPDATE sync_outbox SET pushed_at = ? WHERE seq = 1').run(T0);

    const pending = 'SELECT seq, operation FROM sync_outbox WHERE pushed_at IS NULL ORDER BY seq';
    expect(raw.prepare(pending).all()).toEqual([{ seq: 2, operation: 'delete' }]);
    expectUsesIndex(raw, pending, 'sync_outbox_pending');

    raw.prepare('INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)').run('pull_cursor', '0', T0);
    expect(raw.prepare('SELECT value FROM sync_state WHERE key = ?').get('pull_cursor')).toEqual({ value: '0' });
  });

  it('refuses an unknown operation, a duplicate change id and a duplicate state key', () => {
    const { raw } = migratedFromFive();
    queueChange(raw);
    expectRefused(() => queueChange(raw, { change_id: IDS.unknown, operation: 'merge' }), 'CHECK');
    expectRefused(() => queueChange(raw), 'UNIQUE');
    expectRefused(() => queueChange(raw, { change_id: IDS.unknown, payload: null }), 'NOT NULL');
    raw.prepare('INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)').run('pull_cursor', '0', T0);
    expectRefused(() => raw.prepare('INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)').run('pull_cursor', '1', T0), 'UNIQUE');
  });
});
