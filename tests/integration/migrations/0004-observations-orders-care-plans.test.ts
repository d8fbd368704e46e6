import { describe, expect, it } from 'vitest';
import {
  IDS,
  insertAppointment,
  insertCarePlan,
  insertDevice,
  insertEncounter,
  insertLocation,
  insertObservation,
  insertOrder,
  insertOrganization,
  insertPatient,
  insertProvider,
  insertUser,
} from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, useMigrationStores } from '../../support/migration-test-kit';
import { expectFreshRowDefaults, expectRefused, type TempStore } from '../../support/temp-store';

const NEW_TABLES = ['care_plans', 'devices', 'observations', 'orders'];

const stores = useMigrationStores();

/** A store at version 3 with a patient, a provider, an appointment and an encounter, then migration 4. */
function migratedFromThree(): TempStore {
  return stores.migrated({
    to: 4,
    absent: NEW_TABLES,
    seed: (raw) => {
      insertOrganization(raw);
      insertLocation(raw);
      insertUser(raw);
      insertUser(raw, { id: IDS.nurse, username: 'nurse', role: 'nurse' });
      insertPatient(raw);
      insertProvider(raw);
      insertAppointment(raw);
      insertEncounter(raw, { appointment_id: IDS.appointment });
    },
  });
}

describe('migration 0004 observations-orders-care-plans', () => {
  it('adds devices, observations, orders and care plans, keeping the encounters', () => {
    const { raw } = migratedFromThree();
    expectSchema(raw, {
      synced: NEW_TABLES,
      indexes: {
        observations: ['observations_by_encounter', 'observations_by_patient_time'],
        orders: ['orders_by_patient', 'orders_by_sample'],
        care_plans: ['care_plans_by_patient'],
      },
      foreignKeys: {
        observations: { patient_id: 'patients', encounter_id: 'encounters', panel_id: 'observations', device_id: 'devices', performer_id: 'users' },
        orders: { patient_id: 'patients', encounter_id: 'encounters', ordered_by: 'users', signed_by: 'users' },
      },
    });

    expect(raw.prepare('SELECT status, appointment_id FROM encounters').all()).toEqual([{ status: 'in_progress', appointment_id: IDS.appointment }]);
    expect(raw.prepare('SELECT status FROM appointments').all()).toEqual([{ status: 'booked' }]);
  });

  it('keeps a measured value exactly as text ("37.0" stays "37.0") next to its number', () => {
    const { raw } = migratedFromThree();
    insertDevice(raw, { location_id: IDS.site });
    insertObservation(raw, { encounter_id: IDS.encounter, device_id: IDS.device, source: 'device', performer_id: IDS.nurse });
    insertObservation(raw, { id: IDS.panelMember, panel_id: IDS.observation, code: '8867-4', value_text: '072', value_numeric: 72, unit: '/min' });

    expect(raw.prepare('SELECT value_text, value_numeric, typeof(value_text) AS t FROM observations WHERE id = ?').get(IDS.observation)).toEqual({
      value_text: '37.0',
      value_numeric: 37,
      t: 'text',
    });
    expect(raw.prepare('SELECT value_text FROM observations WHERE id = ?').get(IDS.panelMember)).toEqual({ value_text: '072' });
    expectSyncedRowRules(raw, [['observations', IDS.observation]]);
    expect(raw.prepare('SELECT config, active FROM devices').get()).toEqual({ config: '{}', active: 1 });
    expectFreshRowDefaults(raw, 'devices', IDS.device);
  });

  it('stores a lab order and a care plan with their defaults', () => {
    const { raw } = migratedFromThree();
    insertOrder(raw);
    insertCarePlan(raw);
    expect(raw.prepare('SELECT details, signed_by FROM orders').get()).toEqual({ details: '{}', signed_by: null });
    expectSyncedRowRules(raw, [['orders', IDS.order], ['care_plans', IDS.carePlan]]);
    expect(raw.prepare('SELECT id FROM orders WHERE sample_id = ?').all('S-0001')).toEqual([{ id: IDS.order }]);
  });

  it('refuses unknown statuses, sources, kinds and transports, and dangling references', () => {
    const { raw } = migratedFromThree();
    insertObservation(raw);
    insertObservation(raw, { id: IDS.panelMember, status: 'entered-in-error' }); // valid: corrections keep the row
    expectRefused(() => insertObservation(raw, { id: IDS.unknown, status: 'done' }), 'CHECK');
    expectRefused(() => insertObservation(raw, { id: IDS.unknown, source: 'guess' }), 'CHECK');
    expectRefused(() => insertObservation(raw, { id: IDS.unknown, device_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertObservation(raw, { id: IDS.unknown, panel_id: IDS.carePlan }), 'FOREIGN KEY'); // not an observation
    expectRefused(() => insertObservation(raw, { id: IDS.unknown, encounter_id: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertObservation(raw, { id: IDS.unknown, observed_at: null }), 'NOT NULL');
    expectRefused(() => insertDevice(raw, { transport: 'bluetooth' }), 'CHECK');
    expectRefused(() => insertOrder(raw, { kind: 'imaging' }), 'CHECK');
    expectRefused(() => insertOrder(raw, { status: 'signed' }), 'CHECK');
    expectRefused(() => insertOrder(raw, { signed_by: IDS.unknown }), 'FOREIGN KEY');
    expectRefused(() => insertCarePlan(raw, { status: 'paused' }), 'CHECK');
    expectRefused(() => insertCarePlan(raw, { patient_id: IDS.unknown }), 'FOREIGN KEY');
  });
});
