import { describe, expect, it } from 'vitest';
import { IDS, insertEncounter, insertObservation, insertOrganization, insertPatient, insertProvider, insertRow, insertUser } from '../../support/migration-fixtures';
import { expectSchema, expectUsesIndex, useMigrationStores } from '../../support/migration-test-kit';
import { T0, columnsOf, expectRefused, type TempStore } from '../../support/temp-store';

const stores = useMigrationStores();
const ALERT = '6a000000-0000-4000-8000-000000000001';
const SECOND = '6a000000-0000-4000-8000-000000000002';

/** A store at version 13 with a patient, an encounter and a charted observation, then migration 14. */
function migratedFromThirteen(): TempStore {
  return stores.migrated({
    to: 14,
    absent: ['critical_alerts'],
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertUser(raw, { id: IDS.nurse, username: 'doc', display_name: 'Dana Doctor', role: 'physician' });
      insertPatient(raw);
      insertProvider(raw);
      insertEncounter(raw);
      insertObservation(raw, { value_text: '44.0', value_numeric: 44 });
    },
  });
}

function alert(raw: TempStore['raw'], row: Record<string, unknown> = {}): void {
  insertRow(raw, 'critical_alerts', {
    id: ALERT, patient_id: IDS.patient, encounter_id: IDS.encounter, observation_id: IDS.observation, code: '8310-5', display: 'Body temperature',
    value_text: '44.0', unit: 'Cel', reason: 'above critical high 41 Cel', responsible_user_id: IDS.nurse, observed_at: T0, raised_at: T0, ...row,
  });
}

describe('migration 0014 critical-results', () => {
  it('adds critical_alerts as a local table linked to the result, patient and physician', () => {
    const { raw } = migratedFromThirteen();
    expectSchema(raw, {
      indexes: { critical_alerts: ['critical_alerts_by_observation', 'critical_alerts_by_patient', 'critical_alerts_by_reading', 'critical_alerts_open'] },
      foreignKeys: {
        critical_alerts: {
          patient_id: 'patients', encounter_id: 'encounters', observation_id: 'observations', device_reading_id: 'device_readings',
          responsible_user_id: 'users', acknowledged_by: 'users',
        },
      },
    });
    // Local only: no synced columns, so it never reaches the outbox.
    expect(columnsOf(raw, 'critical_alerts').has('version')).toBe(false);
    alert(raw);
    expect(raw.prepare('SELECT flags, acknowledged_at FROM critical_alerts').get()).toEqual({ flags: '[]', acknowledged_at: null });
    expectUsesIndex(raw, 'SELECT id FROM critical_alerts WHERE acknowledged_at IS NULL ORDER BY raised_at', 'critical_alerts_open');
  });

  it('checks links and values, and keeps one alert per result', () => {
    const { raw } = migratedFromThirteen();
    expectRefused(() => alert(raw, { observation_id: null }), 'CHECK');
    expectRefused(() => alert(raw, { patient_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => alert(raw, { responsible_user_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => alert(raw, { flags: 'not json' }), 'CHECK');
    expectRefused(() => alert(raw, { reason: null }), 'NOT NULL');
    expectRefused(() => alert(raw, { acknowledged_by: IDS.nurse }), 'CHECK');
    alert(raw);
    expectRefused(() => alert(raw, { id: SECOND }), 'UNIQUE');
  });

  it('makes an acknowledgement final and never deletes an alert', () => {
    const { raw } = migratedFromThirteen();
    alert(raw);
    raw.prepare(`UPDATE critical_alerts SET acknowledged_by = ?, acknowledged_at = ?, acknowledgement_note = 'Called' WHERE id = ?`).run(IDS.nurse, T0, ALERT);
    expect(() => raw.prepare(`UPDATE critical_alerts SET acknowledgement_note = 'Changed' WHERE id = ?`).run(ALERT)).toThrow(/already acknowledged/);
    expect(() => raw.prepare('DELETE FROM critical_alerts WHERE id = ?').run(ALERT)).toThrow(/never deleted/);
    expect(raw.prepare('SELECT acknowledgement_note FROM critical_alerts').get()).toEqual({ acknowledgement_note: 'Called' });
  });
});
