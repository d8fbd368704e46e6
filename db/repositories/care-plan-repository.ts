import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import {
  isActivityOverdue,
  type CarePlan,
  type CarePlanActivity,
  type CarePlanStatus,
  type WorklistItem,
} from '../../common/domain/care-plans';
import type { CarePlanActivitiesTable, CarePlanGoalsTable, CarePlansTable, Database } from '../schema';
import { updateAtVersion } from './update-at-version';

export type CarePlanRow = Selectable<CarePlansTable>;
type ActivityView = Selectable<CarePlanActivitiesTable> & { owner_name: string | null };

/** Care plans with their goals, activities and linked problems; the worklist across patients. */
export class CarePlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findPlan(id: string): Promise<CarePlanRow | undefined> {
    return this.db.selectFrom('care_plans').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  }

  /** The patient's plans, open ones (active, then draft) first, newest first within each; `today` flags overdue activities. */
  async plansOf(patientId: string, today: string): Promise<CarePlan[]> {
    const rows = await this.plans().where('c.patient_id', '=', patientId).orderBy('c.created_at', 'desc').limit(200).execute();
    const order: Record<CarePlanStatus, number> = { active: 0, draft: 1, completed: 2, revoked: 3 };
    const plans = await this.assemble(rows, today);
    return plans.sort((a, b) => order[a.status] - order[b.status]);
  }

  async planView(id: string, today: string): Promise<CarePlan | undefined> {
    const rows = await this.plans().where('c.id', '=', id).execute();
    return (await this.assemble(rows, today))[0];
  }

  private plans() {
    return this.db
      .selectFrom('care_plans as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .selectAll('c')
      .select('u.display_name as author_name')
      .where('c.deleted', '=', 0);
  }

  private async assemble(rows: (CarePlanRow & { author_name: string | null })[], today: string): Promise<CarePlan[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [goals, activities, problems] = await Promise.all([
      this.db.selectFrom('care_plan_goals').selectAll().where('care_plan_id', 'in', ids).where('deleted', '=', 0).orderBy('position').execute(),
      this.activities().where('a.care_plan_id', 'in', ids).orderBy('a.position').execute(),
      this.db
        .selectFrom('care_plan_problems as l')
        .innerJoin('problems as p', 'p.id', 'l.problem_id')
        .select(['l.care_plan_id', 'p.id', 'p.condition', 'p.code_system', 'p.code', 'p.status'])
        .where('l.care_plan_id', 'in', ids)
        .where('l.deleted', '=', 0)
        .where('p.deleted', '=', 0)
        .orderBy('p.created_at')
        .execute(),
    ]);
    return rows.map((r) => {
      const planActivities = activities.filter((a) => a.care_plan_id === r.id).map((a) => toActivity(a, r.status, today));
      return {
        id: r.id,
        patientId: r.patient_id,
        encounterId: r.encounter_id,
        title: r.title,
        description: r.description,
        status: r.status,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        authorName: r.author_name,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        version: r.version,
        goals: goals.filter((g) => g.care_plan_id === r.id).map((g) => ({ id: g.id, description: g.description, target: g.target, status: g.status })),
        activities: planActivities,
        problems: problems
          .filter((p) => p.care_plan_id === r.id)
          .map((p) => ({
            id: p.id,
            condition: p.condition,
            codeSystem: p.code_system === 'snomed-ct' || p.code_system === 'icd-10' ? p.code_system : null,
            code: p.code,
            status: p.status,
          })),
        overdueActivities: planActivities.filter((a) => a.overdue).length,
      };
    });
  }

  private activities() {
    return this.db
      .selectFrom('care_plan_activities as a')
      .leftJoin('users as o', 'o.id', 'a.owner_id')
      .selectAll('a')
      .select('o.display_name as owner_name')
      .where('a.deleted', '=', 0);
  }

  /** An activity with the status and patient of its plan. */
  async findActivity(id: string) {
    return this.db
      .selectFrom('care_plan_activities as a')
      .innerJoin('care_plans as c', 'c.id', 'a.care_plan_id')
      .selectAll('a')
      .select(['c.status as plan_status', 'c.patient_id'])
      .where('a.id', '=', id)
      .where('a.deleted', '=', 0)
      .where('c.deleted', '=', 0)
      .executeTakeFirst();
  }

  async activityView(id: string, planStatus: CarePlanStatus, today: string): Promise<CarePlanActivity | undefined> {
    const row = await this.activities().where('a.id', '=', id).executeTakeFirst();
    return row && toActivity(row, planStatus, today);
  }

  /**
   * Open activities of active plans, soonest due first (so overdue ones lead) and undated last;
   * only `ownerId`'s when given.
   */
  async worklist(options: { today: string; ownerId?: string; limit: number }): Promise<WorklistItem[]> {
    let q = this.db
      .selectFrom('care_plan_activities as a')
      .innerJoin('care_plans as c', 'c.id', 'a.care_plan_id')
      .innerJoin('patients as p', 'p.id', 'c.patient_id')
      .leftJoin('users as o', 'o.id', 'a.owner_id')
      .selectAll('a')
      .select(['o.display_name as owner_name', 'c.title as plan_title', 'c.encounter_id as plan_encounter_id', 'p.id as patient_id', 'p.mrn', 'p.given_name', 'p.family_name'])
      .where('a.deleted', '=', 0)
      .where('a.status', 'in', ['not-started', 'in-progress'])
      .where('c.deleted', '=', 0)
      .where('c.status', '=', 'active');
    if (options.ownerId) q = q.where('a.owner_id', '=', options.ownerId);
    const rows = await q
      .orderBy((eb) => eb.case().when('a.due_date', 'is', null).then(1).else(0).end())
      .orderBy('a.due_date')
      .orderBy('c.created_at')
      .orderBy('a.position')
      .limit(options.limit)
      .execute();
    return rows.map((r) => ({
      activity: toActivity(r, 'active', options.today),
      carePlan: { id: r.care_plan_id, title: r.plan_title, encounterId: r.plan_encounter_id },
      patient: { id: r.patient_id, mrn: r.mrn, givenName: r.given_name, familyName: r.family_name },
    }));
  }

  async insertPlan(row: Insertable<CarePlansTable>): Promise<void> {
    await this.db.insertInto('care_plans').values(row).execute();
  }

  updatePlan(id: string, expectedVersion: number, changes: Updateable<CarePlansTable>, now: string): Promise<boolean> {
    return updateAtVersion(this.db, 'care_plans', id, expectedVersion, changes, now);
  }

  /** Moves the plan's version on after a change to one of its parts, so a stale editor of the whole plan is refused. */
  async touchPlan(id: string, now: string): Promise<void> {
    await this.db.updateTable('care_plans').set((eb) => ({ updated_at: now, version: eb('version', '+', 1) })).where('id', '=', id).execute();
  }

  liveGoals(planId: string) {
    return this.db.selectFrom('care_plan_goals').selectAll().where('care_plan_id', '=', planId).where('deleted', '=', 0).execute();
  }

  liveActivities(planId: string) {
    return this.db.selectFrom('care_plan_activities').selectAll().where('care_plan_id', '=', planId).where('deleted', '=', 0).execute();
  }

  async insertGoal(row: Insertable<CarePlanGoalsTable>): Promise<void> {
    await this.db.insertInto('care_plan_goals').values(row).execute();
  }

  async updateGoal(id: string, changes: Updateable<CarePlanGoalsTable>, now: string): Promise<void> {
    await this.db.updateTable('care_plan_goals').set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', id).execute();
  }

  async insertActivity(row: Insertable<CarePlanActivitiesTable>): Promise<void> {
    await this.db.insertInto('care_plan_activities').values(row).execute();
  }

  async updateActivity(id: string, changes: Updateable<CarePlanActivitiesTable>, now: string): Promise<void> {
    await this.db.updateTable('care_plan_activities').set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', id).execute();
  }

  updateActivityAtVersion(id: string, expectedVersion: number, changes: Updateable<CarePlanActivitiesTable>, now: string): Promise<boolean> {
    return updateAtVersion(this.db, 'care_plan_activities', id, expectedVersion, changes, now);
  }

  /** Makes the plan's live links exactly `problemIds`: new ones added, dropped ones soft-deleted, relinked ones revived. */
  async setProblemLinks(planId: string, problemIds: readonly string[], newId: () => string, now: string): Promise<void> {
    const existing = await this.db.selectFrom('care_plan_problems').select(['id', 'problem_id', 'deleted']).where('care_plan_id', '=', planId).execute();
    const wanted = new Set(problemIds);
    for (const link of existing) {
      const deleted = wanted.has(link.problem_id) ? 0 : 1;
      if (link.deleted !== deleted) {
        await this.db.updateTable('care_plan_problems').set((eb) => ({ deleted, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', link.id).execute();
      }
      wanted.delete(link.problem_id);
    }
    for (const problemId of wanted) {
      await this.db.insertInto('care_plan_problems').values({ id: newId(), care_plan_id: planId, problem_id: problemId, created_at: now, updated_at: now }).execute();
    }
  }
}

function toActivity(a: ActivityView, planStatus: CarePlanStatus, today: string): CarePlanActivity {
  return {
    id: a.id,
    carePlanId: a.care_plan_id,
    description: a.description,
    dueDate: a.due_date,
    ownerId: a.owner_id,
    ownerName: a.owner_name,
    status: a.status,
    completedAt: a.completed_at,
    overdue: isActivityOverdue({ status: a.status, dueDate: a.due_date }, planStatus, today),
    version: a.version,
  };
}
