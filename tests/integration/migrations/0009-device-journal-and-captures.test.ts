import { describe, expect, it } from 'vitest';
import {
  IDS,
  insertDevice,
  insertEncounter,
  insertObservation,
  insertOrganization,
  insertPatient,
  insertProvider,
  insertRow,
  insertUser,
} from '../../support/migration-fixtures';
import { expectSchema, useMigrationStores } from '../../support/migration-test-kit';
import { T0, columnsOf, expectRefused, foreignKeysOf, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();
const READING = '4d000000-0000-4000-8000-000000000001';

/** A store at version 8 with a device and a charted observation, then migration 9. */
function migratedFromEight(): TempStore {
  return stores.migrated({
    to: 9,
    absent: ['device_journal', 'device_readings'],
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertPatient(raw);
      insertProvider(raw);
      insertEncounter(raw);
      insertDevice(raw);
      insertObservation(raw);
    },
  });
}

function journal(raw: TempStore['raw'], row: Record<string, unknown> = {}): number {
  const values = { device_id: IDS.device, protocol: 'hl7', received_at: T0, raw: Buffer.from('MSH|^~\\&|'), ...row };
  const cols = Object.keys(values);
  return Number(raw.prepare(`INSERT INTO device_journal (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(values)).lastInsertRowid);
}

function reading(raw: TempStore['raw'], seq: number, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'device_readings', {
    id: READING, journal_seq: seq, device_id: IDS.device, patient_id: IDS.patient, encounter_id: IDS.encounter,
    code: '150456', value_text: '97', unit: '%', valid: 1, observed_at: T0, received_at: T0, ...row,
  });
}

describe('migration 0009 device-journal-and-captures', () => {
  it('adds the journal and captured readings and extends devices and observations, keeping existing rows', () => {
    const { raw } = migratedFromEight();
    expectSchema(raw, {
      synced: [],
      indexes: {
        device_journal: ['device_journal_by_device', 'device_journal_dedupe', 'device_journal_pending'],
        device_readings: [
          'device_readings_by_device_code', 'device_readings_by_journal', 'device_readings_by_status',
          'device_readings_pending_by_encounter', 'device_readings_pending_by_patient',
        ],
      },
      foreignKeys: { device_journal: { device_id: 'devices' } },
    });
    expect(columnsOf(raw, 'devices').has('workstation_id')).toBe(true);
    for (const c of ['order_id', 'reference_range', 'interpretation']) expect(columnsOf(raw, 'observations').has(c), c).toBe(true);
    expect(foreignKeysOf(raw, 'observations')).toMatchObject({ order_id: 'orders' });
    expect(raw.prepare('SELECT value_text, order_id, interpretation FROM observations').get()).toEqual({ value_text: '37.0', order_id: null, interpretation: null });
    expect(raw.prepare('SELECT workstation_id FROM devices').get()).toEqual({ workstation_id: null });
  });

  it('keeps one journal entry per device and duplicate key, and any number without a key', () => {
    const { raw } = migratedFromEight();
    journal(raw, { dedupe_key: 'k1' });
    expectRefused(() => journal(raw, { dedupe_key: 'k1' }), 'UNIQUE');
    journal(raw);
    journal(raw);
    expect(raw.prepare(`SELECT status, reading_count FROM device_journal`).all()).toEqual([
      { status: 'pending', reading_count: 0 }, { status: 'pending', reading_count: 0 }, { status: 'pending', reading_count: 0 },
    ]);
    expectRefused(() => journal(raw, { status: 'lost' }), 'CHECK');
    expectRefused(() => journal(raw, { device_id: IDS.unknown }), 'FOREIGN KEY');
  });

  it('stores captured readings tied to their journal entry and refuses nonsense', () => {
    const { raw } = migratedFromEight();
    const seq = journal(raw);
    reading(raw, seq);
    expect(raw.prepare('SELECT status, flags, comments, patient_conflict FROM device_readings').get()).toEqual({ status: 'pending', flags: '[]', comments: '[]', patient_conflict: 0 });
    const other = '4d000000-0000-4000-8000-000000000002';
    expectRefused(() => reading(raw, 999, { id: other }), 'FOREIGN KEY');
    expectRefused(() => reading(raw, seq, { id: other, status: 'maybe' }), 'CHECK');
    expectRefused(() => reading(raw, seq, { id: other, valid: 2 }), 'CHECK');
    expectRefused(() => reading(raw, seq, { id: other, value_text: null }), 'NOT NULL');
  });
});
