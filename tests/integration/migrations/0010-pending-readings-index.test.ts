import { describe, expect, it } from 'vitest';
import { IDS, insertDevice, insertOrganization, insertPatient, insertRow } from '../../support/migration-fixtures';
import { expectUsesIndex, useMigrationStores } from '../../support/migration-test-kit';
import { T0, indexNames } from '../../support/temp-store';

const stores = useMigrationStores();

describe('migration 0010 pending-readings-index', () => {
  it('indexes waiting readings by device, code and sample, keeping the readings already captured', () => {
    const { raw } = stores.migrated({
      to: 10,
      seed: (raw) => {
        insertOrganization(raw);
        insertPatient(raw);
        insertDevice(raw);
        const seq = Number(raw.prepare(`INSERT INTO device_journal (device_id, protocol, received_at, raw) VALUES (?, 'astm', ?, x'00')`).run(IDS.device, T0).lastInsertRowid);
        insertRow(raw, 'device_readings', {
          id: '4d000000-0000-4000-8000-000000000001', journal_seq: seq, device_id: IDS.device, patient_id: IDS.patient,
          sample_id: 'S-1', code: 'GLU', value_text: '5.4', unit: 'mmol/L', valid: 1, observed_at: T0, received_at: T0,
        });
      },
    });
    expect(indexNames(raw, 'device_readings')).toContain('device_readings_pending_by_sample');
    expect(raw.prepare('SELECT code, sample_id, status FROM device_readings').all()).toEqual([{ code: 'GLU', sample_id: 'S-1', status: 'pending' }]);
    // The query the journal runs for every lab result it records.
    expectUsesIndex(
      raw,
      `SELECT id FROM device_readings WHERE device_id = ? AND code = ? AND status = 'pending' AND id <> ? AND patient_id IS ? AND encounter_id IS ? AND sample_id IS ? AND journal_seq < ?`,
      'device_readings_pending_by_sample',
      IDS.device, 'GLU', 'x', IDS.patient, null, 'S-2', 99,
    );
  });
});
