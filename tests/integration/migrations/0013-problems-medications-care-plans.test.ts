import { describe, expect, it } from 'vitest';
import { IDS, insertCarePlan, insertEncounter, insertOrganization, insertPatient, insertProvider, insertRow, insertUser } from '../../support/migration-fixtures';
import { expectSchema, expectSyncedRowRules, useMigrationStores } from '../../support/migration-test-kit';
import { T0, expectRefused, type TempStore } from '../../support/temp-store';

const NEW_TABLES = ['care_plan_activities', 'care_plan_goals', 'care_plan_problems', 'medication_statements', 'problems'];
const PROBLEM = '5a000000-0000-4000-8000-000000000001';
const MEDICATION = '5b000000-0000-4000-8000-000000000001';
const GOAL = '5c000000-0000-4000-8000-000000000001';
const ACTIVITY = '5d000000-0000-4000-8000-000000000001';
const LINK = '5e000000-0000-4000-8000-000000000001';
const stamps = { created_at: T0, updated_at: T0 };

const stores = useMigrationStores();

/** A store at version 12 with a patient, an encounter and a care plan, then migration 13. */
function migratedFromTwelve(): TempStore {
  return stores.migrated({
    to: 13,
    absent: NEW_TABLES,
    seed: (raw) => {
      insertOrganization(raw);
      insertUser(raw);
      insertUser(raw, { id: IDS.nurse, username: 'nurse', role: 'nurse' });
      insertPatient(raw);
      insertPatient(raw, { id: IDS.otherPatient, mrn: 'MRN000002' });
      insertProvider(raw);
      insertEncounter(raw);
      insertCarePlan(raw);
    },
  });
}

const problem = (row: Record<string, unknown> = {}) => ({ id: PROBLEM, patient_id: IDS.patient, condition: 'Essential hypertension', status: 'active', ...stamps, ...row });
const medication = (row: Record<string, unknown> = {}) => ({ id: MEDICATION, patient_id: IDS.patient, drug: 'Ramipril', status: 'active', ...stamps, ...row });
const activity = (row: Record<string, unknown> = {}) => ({ id: ACTIVITY, care_plan_id: IDS.carePlan, description: 'Recheck blood pressure', status: 'not-started', ...stamps, ...row });

describe('migration 0013 problems-medications-care-plans', () => {
  it('adds problems, medication statements, goals, activities and problem links, keeping the care plans', () => {
    const { raw } = migratedFromTwelve();
    expectSchema(raw, {
      synced: NEW_TABLES,
      indexes: {
        problems: ['problems_by_patient'],
        medication_statements: ['medication_statements_by_patient'],
        care_plan_goals: ['care_plan_goals_by_plan'],
        care_plan_activities: ['care_plan_activities_by_plan', 'care_plan_activities_open_by_due', 'care_plan_activities_open_by_owner'],
        care_plan_problems: ['care_plan_problems_by_problem', 'care_plan_problems_unique'],
      },
      foreignKeys: {
        problems: { patient_id: 'patients', encounter_id: 'encounters', recorded_by: 'users' },
        medication_statements: { patient_id: 'patients', encounter_id: 'encounters', recorded_by: 'users' },
        care_plan_goals: { care_plan_id: 'care_plans' },
        care_plan_activities: { care_plan_id: 'care_plans', owner_id: 'users' },
        care_plan_problems: { care_plan_id: 'care_plans', problem_id: 'problems' },
      },
    });
    expect(raw.prepare('SELECT title, status FROM care_plans').all()).toEqual([{ title: 'Blood pressure follow-up', status: 'active' }]);
  });

  it('stores a problem, a medication and a plan’s parts with their defaults', () => {
    const { raw } = migratedFromTwelve();
    insertRow(raw, 'problems', problem({ code_system: 'icd-10', code: 'I10', encounter_id: IDS.encounter, recorded_by: IDS.nurse }));
    insertRow(raw, 'medication_statements', medication({ dose: '0.5', unit: 'mg', started_on: '2020-01-01' }));
    insertRow(raw, 'care_plan_goals', { id: GOAL, care_plan_id: IDS.carePlan, description: 'BP below 140/90', status: 'active', ...stamps });
    insertRow(raw, 'care_plan_activities', activity({ owner_id: IDS.nurse, due_date: '2026-03-09' }));
    insertRow(raw, 'care_plan_problems', { id: LINK, care_plan_id: IDS.carePlan, problem_id: PROBLEM, ...stamps });
    expect(raw.prepare('SELECT dose FROM medication_statements').get()).toEqual({ dose: '0.5' });
    expect(raw.prepare('SELECT position FROM care_plan_activities').get()).toEqual({ position: 0 });
    expectSyncedRowRules(raw, [
      ['problems', PROBLEM], ['medication_statements', MEDICATION], ['care_plan_goals', GOAL], ['care_plan_activities', ACTIVITY], ['care_plan_problems', LINK],
    ]);
  });

  it('refuses unknown statuses, half codes, inconsistent completion, duplicate links and dangling references', () => {
    const { raw } = migratedFromTwelve();
    expectRefused(() => insertRow(raw, 'problems', problem({ status: 'cured' })), 'CHECK');
    expectRefused(() => insertRow(raw, 'problems', problem({ code: 'I10' })), 'CHECK');
    expectRefused(() => insertRow(raw, 'problems', problem({ patient_id: IDS.unknown })), 'FOREIGN KEY');
    insertRow(raw, 'problems', problem());
    expectRefused(() => insertRow(raw, 'medication_statements', medication({ status: 'paused' })), 'CHECK');
    expectRefused(() => insertRow(raw, 'medication_statements', medication({ started_on: '2026-03-02', stopped_on: '2026-03-01' })), 'CHECK');
    expectRefused(() => insertRow(raw, 'care_plan_goals', { id: GOAL, care_plan_id: IDS.carePlan, description: 'x', status: 'done', ...stamps }), 'CHECK');
    expectRefused(() => insertRow(raw, 'care_plan_activities', activity({ status: 'completed' })), 'CHECK');
    expectRefused(() => insertRow(raw, 'care_plan_activities', activity({ completed_at: T0 })), 'CHECK');
    expectRefused(() => insertRow(raw, 'care_plan_activities', activity({ owner_id: IDS.unknown })), 'FOREIGN KEY');
    insertRow(raw, 'care_plan_activities', activity({ status: 'completed', completed_at: T0 }));
    insertRow(raw, 'care_plan_problems', { id: LINK, care_plan_id: IDS.carePlan, problem_id: PROBLEM, ...stamps });
    expectRefused(() => insertRow(raw, 'care_plan_problems', { id: IDS.unknown, care_plan_id: IDS.carePlan, problem_id: PROBLEM, ...stamps }), 'UNIQUE');
    expectRefused(() => insertRow(raw, 'care_plan_problems', { id: IDS.unknown, care_plan_id: IDS.carePlan, problem_id: IDS.unknown, ...stamps }), 'FOREIGN KEY');
  });
});
