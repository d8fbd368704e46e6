import { SYNCED_COLUMNS, type Migration } from './migration';

/**
 * The problem list, current medications (what the patient takes, as told or seen: not orders,
 * which are prescriptions this clinic writes) and the parts of a care plan: goals, activities with
 * a due date and an owner, and the problems the plan addresses.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'problems-medications-care-plans',
  up(db) {
    db.exec(`
      -- A code is optional (a condition may be charted in words first) but comes with its system:
      -- "I10" alone could be ICD-10 or something else entirely.
      CREATE TABLE problems (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        encounter_id TEXT REFERENCES encounters(id),
        condition TEXT NOT NULL,
        code_system TEXT,
        code TEXT,
        onset_date TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'inactive', 'entered-in-error')),
        resolved_date TEXT,
        notes TEXT,
        recorded_by TEXT REFERENCES users(id),
        ${SYNCED_COLUMNS},
        CHECK ((code IS NULL) = (code_system IS NULL))
      );
      CREATE INDEX problems_by_patient ON problems(patient_id);

      -- Dose stays text as written ("0.5", "1-2"); units and routes are free text the clinician chose.
      CREATE TABLE medication_statements (
        id TEXT PRIMARY KEY NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients(id),
        encounter_id TEXT REFERENCES encounters(id),
        drug TEXT NOT NULL,
        dose TEXT,
        unit TEXT,
        route TEXT,
        frequency TEXT,
        started_on TEXT,
        stopped_on TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'stopped', 'entered-in-error')),
        recorded_by TEXT REFERENCES users(id),
        ${SYNCED_COLUMNS},
        CHECK (stopped_on IS NULL OR started_on IS NULL OR stopped_on >= started_on)
      );
      CREATE INDEX medication_statements_by_patient ON medication_statements(patient_id);

      CREATE TABLE care_plan_goals (
        id TEXT PRIMARY KEY NOT NULL,
        care_plan_id TEXT NOT NULL REFERENCES care_plans(id),
        position INTEGER NOT NULL DEFAULT 0,
        description TEXT NOT NULL,
        target TEXT,
        status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'achieved', 'not-achieved', 'cancelled')),
        ${SYNCED_COLUMNS}
      );
      CREATE INDEX care_plan_goals_by_plan ON care_plan_goals(care_plan_id);

      -- completed_at is set exactly when the activity is completed, so "done when" never lies.
      CREATE TABLE care_plan_activities (
        id TEXT PRIMARY KEY NOT NULL,
        care_plan_id TEXT NOT NULL REFERENCES care_plans(id),
        position INTEGER NOT NULL DEFAULT 0,
        description TEXT NOT NULL,
        due_date TEXT,
        owner_id TEXT REFERENCES users(id),
        status TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed', 'cancelled')),
        completed_at TEXT,
        ${SYNCED_COLUMNS},
        CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      );
      CREATE INDEX care_plan_activities_by_plan ON care_plan_activities(care_plan_id);
      -- The worklist: open activities, soonest due first, optionally of one owner.
      CREATE INDEX care_plan_activities_open_by_due ON care_plan_activities(due_date)
        WHERE status IN ('not-started', 'in-progress') AND deleted = 0;
      CREATE INDEX care_plan_activities_open_by_owner ON care_plan_activities(owner_id, due_date)
        WHERE status IN ('not-started', 'in-progress') AND deleted = 0;

      -- A synced row per link (not a list in a column) so two workstations linking different
      -- problems to the same plan merge instead of overwriting each other. Unlinking soft-deletes.
      CREATE TABLE care_plan_problems (
        id TEXT PRIMARY KEY NOT NULL,
        care_plan_id TEXT NOT NULL REFERENCES care_plans(id),
        problem_id TEXT NOT NULL REFERENCES problems(id),
        ${SYNCED_COLUMNS}
      );
      CREATE UNIQUE INDEX care_plan_problems_unique ON care_plan_problems(care_plan_id, problem_id);
      CREATE INDEX care_plan_problems_by_problem ON care_plan_problems(problem_id);
    `);
  },
};
