import { describe, expect, it } from 'vitest';
import {
  IDS,
  insertAuditEvent,
  insertCarePlan,
  insertEncounter,
  insertObservation,
  insertOrder,
  insertOrganization,
  insertPatient,
  insertProvider,
  insertUser,
} from '../../support/migration-fixtures';
import { expectSchema, useMigrationStores } from '../../support/migration-test-kit';
import { columnsOf, count, expectRefused, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();

/** A store at version 4 with clinical data (encounter, observation, order, care plan), then migration 5. */
function migratedFromFour(): TempStore {
  return stores.migrated({
    to: 5,
    absent: ['audit_events'],
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertPatient(raw);
      insertProvider(raw);
      insertEncounter(raw);
      insertObservation(raw, { encounter_id: IDS.encounter });
      insertOrder(raw);
      insertCarePlan(raw);
    },
  });
}

function auditRows(raw: TempStore['raw']): unknown[] {
  return raw.prepare('SELECT * FROM audit_events ORDER BY seq').all();
}

describe('migration 0005 audit-events', () => {
  it('adds the audit log, ordered by seq, indexed by user and patient, keeping the clinical data', () => {
    const { raw } = migratedFromFour();
    expectSchema(raw, {
      columns: { audit_events: ['seq', 'id', 'at', 'user_id', 'username', 'action', 'patient_id', 'outcome', 'error_code', 'transport'] },
      indexes: { audit_events: ['audit_events_by_patient', 'audit_events_by_user'] },
    });
    expect(columnsOf(raw, 'audit_events').get('seq')).toMatchObject({ type: 'INTEGER', pk: 1 });

    for (const table of ['encounters', 'observations', 'orders', 'care_plans']) expect(count(raw, table), table).toBe(1);
    expect(raw.prepare('SELECT value_text FROM observations').get()).toEqual({ value_text: '37.0' });
  });

  it('appends events with increasing seq, even for users and patients it does not know', () => {
    const { raw } = migratedFromFour();
    insertAuditEvent(raw);
    // No foreign keys on purpose: a refused call by an unknown user must still be recorded.
    insertAuditEvent(raw, { id: IDS.unknown, user_id: null, username: 'mallory', patient_id: IDS.unknown, outcome: 'unauthenticated', error_code: 'UNAUTHENTICATED' });
    expect(raw.prepare('SELECT seq, outcome FROM audit_events ORDER BY seq').all()).toEqual([
      { seq: 1, outcome: 'ok' },
      { seq: 2, outcome: 'unauthenticated' },
    ]);
  });

  it('refuses an unknown outcome and a duplicate event id', () => {
    const { raw } = migratedFromFour();
    insertAuditEvent(raw);
    expectRefused(() => insertAuditEvent(raw, { id: IDS.unknown, outcome: 'maybe' }), 'CHECK');
    expectRefused(() => insertAuditEvent(raw), 'UNIQUE');
    expectRefused(() => insertAuditEvent(raw, { id: IDS.unknown, transport: null }), 'NOT NULL');
  });

  it('is append-only: UPDATE and DELETE are refused by triggers and change nothing', () => {
    const { raw } = migratedFromFour();
    insertAuditEvent(raw);
    insertAuditEvent(raw, { id: IDS.unknown, outcome: 'denied', error_code: 'FORBIDDEN' });
    const before = auditRows(raw);

    expect(() => raw.prepare(`UPDATE audit_events SET outcome = 'ok', error_code = NULL WHERE outcome = 'denied'`).run()).toThrow('audit events are append-only');
    expect(() => raw.prepare('UPDATE audit_events SET username = ?').run('someone-else')).toThrow('audit events are append-only');
    expect(() => raw.prepare('DELETE FROM audit_events WHERE id = ?').run(IDS.auditEvent)).toThrow('audit events are append-only');
    expect(() => raw.prepare('DELETE FROM audit_events').run()).toThrow('audit events are append-only');

    expect(auditRows(raw)).toEqual(before);
    expect(raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all()).toEqual([
      { name: 'audit_events_no_delete' },
      { name: 'audit_events_no_update' },
    ]);
  });
});
