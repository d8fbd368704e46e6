import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  AllergiesTable, CarePlanActivitiesTable, CarePlanGoalsTable, CarePlanProblemsTable, CarePlansTable, Database, EncountersTable,
  ObservationsTable, OrdersTable, OrganizationsTable, PatientIdentifiersTable, PatientsTable, ProblemsTable, ProvidersTable,
} from '../schema';

/** Everything of one patient's record that leaves the workstation in a FHIR export. */
export interface PatientChart {
  organization: Selectable<OrganizationsTable> | undefined;
  patient: Selectable<PatientsTable>;
  identifiers: Selectable<PatientIdentifiersTable>[];
  encounters: Selectable<EncountersTable>[];
  observations: Selectable<ObservationsTable>[];
  problems: Selectable<ProblemsTable>[];
  allergies: Selectable<AllergiesTable>[];
  orders: Selectable<OrdersTable>[];
  carePlans: Selectable<CarePlansTable>[];
  goals: Selectable<CarePlanGoalsTable>[];
  activities: Selectable<CarePlanActivitiesTable>[];
  planProblems: Selectable<CarePlanProblemsTable>[];
  /** Providers seen in encounters and users who recorded, ordered or performed something. */
  providers: Selectable<ProvidersTable>[];
  users: { id: string; display_name: string }[];
}

/** The rows an import adds to a patient's chart, written whole in the caller's transaction. */
export interface ChartRows {
  encounters: Insertable<EncountersTable>[];
  observations: Insertable<ObservationsTable>[];
  problems: Insertable<ProblemsTable>[];
  allergies: Insertable<AllergiesTable>[];
  orders: Insertable<OrdersTable>[];
  carePlans: Insertable<CarePlansTable>[];
  goals: Insertable<CarePlanGoalsTable>[];
  activities: Insertable<CarePlanActivitiesTable>[];
  planProblems: Insertable<CarePlanProblemsTable>[];
}

/** A patient's whole live chart read at once (FHIR export) and imported rows written at once. */
export class PatientChartRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async chartOf(patientId: string): Promise<PatientChart | undefined> {
    const db = this.db;
    const patient = await db.selectFrom('patients').selectAll().where('id', '=', patientId).where('deleted', '=', 0).executeTakeFirst();
    if (!patient) return undefined;
    const [organization, identifiers, encounters, observations, problems, allergies, orders, carePlans] = await Promise.all([
      db.selectFrom('organizations').selectAll().where('id', '=', patient.organization_id).executeTakeFirst(),
      db.selectFrom('patient_identifiers').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0).orderBy('system').execute(),
      db.selectFrom('encounters').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0).orderBy('created_at').orderBy('id').execute(),
      db.selectFrom('observations').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0).orderBy('observed_at').orderBy('id').execute(),
      db.selectFrom('problems').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0).orderBy('created_at').orderBy('id').execute(),
      db.selectFrom('allergies').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0).orderBy('created_at').orderBy('id').execute(),
      db.selectFrom('orders').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0).orderBy('created_at').orderBy('id').execute(),
      db.selectFrom('care_plans').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0).orderBy('created_at').orderBy('id').execute(),
    ]);
    const planIds = carePlans.map((p) => p.id);
    const [goals, activities, planProblems] = planIds.length === 0
      ? [[], [], []]
      : await Promise.all([
        db.selectFrom('care_plan_goals').selectAll().where('care_plan_id', 'in', planIds).where('deleted', '=', 0).orderBy('care_plan_id').orderBy('position').execute(),
        db.selectFrom('care_plan_activities').selectAll().where('care_plan_id', 'in', planIds).where('deleted', '=', 0).orderBy('care_plan_id').orderBy('position').execute(),
        db.selectFrom('care_plan_problems').selectAll().where('care_plan_id', 'in', planIds).where('deleted', '=', 0).orderBy('id').execute(),
      ]);
    const providerIds = [...new Set(encounters.flatMap((e) => (e.provider_id ? [e.provider_id] : [])))];
    const userIds = [...new Set([
      ...observations.map((o) => o.performer_id), ...problems.map((p) => p.recorded_by), ...allergies.map((a) => a.recorded_by),
      ...orders.flatMap((o) => [o.ordered_by, o.signed_by]), ...carePlans.map((p) => p.author_id), ...activities.map((a) => a.owner_id),
    ].filter((id): id is string => id !== null))];
    const [providers, users] = await Promise.all([
      providerIds.length === 0 ? [] : db.selectFrom('providers').selectAll().where('id', 'in', providerIds).orderBy('id').execute(),
      userIds.length === 0 ? [] : db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).orderBy('id').execute(),
    ]);
    return { organization, patient, identifiers, encounters, observations, problems, allergies, orders, carePlans, goals, activities, planProblems, providers, users };
  }

  /** Parents before children, so foreign keys hold at every insert. */
  async insertRows(rows: ChartRows): Promise<void> {
    const db = this.db;
    for (const row of rows.encounters) await db.insertInto('encounters').values(row).execute();
    for (const row of rows.orders) await db.insertInto('orders').values(row).execute();
    for (const row of rows.observations) await db.insertInto('observations').values(row).execute();
    for (const row of rows.problems) await db.insertInto('problems').values(row).execute();
    for (const row of rows.allergies) await db.insertInto('allergies').values(row).execute();
    for (const row of rows.carePlans) await db.insertInto('care_plans').values(row).execute();
    for (const row of rows.goals) await db.insertInto('care_plan_goals').values(row).execute();
    for (const row of rows.activities) await db.insertInto('care_plan_activities').values(row).execute();
    for (const row of rows.planProblems) await db.insertInto('care_plan_problems').values(row).execute();
  }
}
