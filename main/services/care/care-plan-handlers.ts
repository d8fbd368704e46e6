import type { Kysely, Updateable } from 'kysely';
import type { careContract } from '../../../common/contract/care.contract';
import {
  activityTransitionProblem,
  carePlanTransitionProblem,
  isCarePlanOpen,
  type ActivityStatus,
} from '../../../common/domain/care-plans';
import { blankToNull } from '../../../common/domain/clinical-text';
import type { MethodParsedInput } from '../../../common/contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { CarePlanRepository, type CarePlanRow } from '../../../db/repositories/care-plan-repository';
import { ProblemRepository } from '../../../db/repositories/problem-repository';
import type { CarePlanActivitiesTable, Database } from '../../../db/schema';
import { clinicToday, requireEncounterOf, requirePatient, stale, userOf, type CareDeps } from './care-context';

type CarePlanHandlers = Pick<
  Handlers<typeof careContract>,
  'carePlans.list' | 'carePlans.save' | 'carePlans.setStatus' | 'carePlans.updateActivity' | 'carePlans.worklist'
>;
type SaveInput = MethodParsedInput<'carePlans.save'>;

const CLINICAL_ROLES = ['nurse', 'physician'];

/** An activity's owner is an active clinician (someone who can act on the plan). */
async function requireOwner(db: Kysely<Database>, ownerId: string, field: string): Promise<string | null> {
  if (ownerId === '') return null;
  const user = await db.selectFrom('users').select(['role', 'active']).where('id', '=', ownerId).where('deleted', '=', 0).executeTakeFirst();
  if (!user) throw new AppError('VALIDATION', 'No such user', field);
  if (user.active !== 1 || !CLINICAL_ROLES.includes(user.role)) {
    throw new AppError('VALIDATION', 'An activity’s owner must be an active nurse or physician', field);
  }
  return ownerId;
}

/** completed_at follows the status: set when an activity becomes completed, cleared otherwise. */
function statusChange(from: ActivityStatus | null, to: ActivityStatus, at: string, field: string): Updateable<CarePlanActivitiesTable> {
  if (from !== null) {
    const problem = activityTransitionProblem(from, to);
    if (problem) throw new AppError('CONFLICT', problem, field);
    if (from === to) return {};
  }
  return { status: to, completed_at: to === 'completed' ? at : null };
}

function requireOpen(plan: CarePlanRow): void {
  if (!isCarePlanOpen(plan.status)) throw new AppError('CONFLICT', `This care plan is ${plan.status}; it can no longer change`, 'id');
}

export function createCarePlanHandlers(deps: CareDeps): CarePlanHandlers {
  const now = () => deps.clock.now().toISOString();

  /** Checks every reference in a save before anything is written. */
  const checkReferences = async (input: SaveInput) => {
    await requirePatient(deps.db, input.patientId);
    await requireEncounterOf(deps.db, input.encounterId, input.patientId);
    if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart) {
      throw new AppError('VALIDATION', 'End cannot be before the start', 'periodEnd');
    }
    const found = new Map((await new ProblemRepository(deps.db).problemsById(input.problemIds)).map((p) => [p.id, p]));
    input.problemIds.forEach((id, i) => {
      const problem = found.get(id);
      if (!problem) throw new AppError('NOT_FOUND', 'No such problem', `problemIds.${i}`);
      if (problem.patient_id !== input.patientId) throw new AppError('VALIDATION', 'This problem is on another patient’s list', `problemIds.${i}`);
      if (problem.status === 'entered-in-error') throw new AppError('VALIDATION', 'This problem was entered in error', `problemIds.${i}`);
    });
    const owners: (string | null)[] = [];
    for (const [i, a] of input.activities.entries()) owners.push(await requireOwner(deps.db, a.ownerId, `activities.${i}.ownerId`));
    return owners;
  };

  const writeParts = async (plans: CarePlanRepository, planId: string, input: SaveInput, owners: (string | null)[], at: string, isNew: boolean) => {
    const goals = isNew ? [] : await plans.liveGoals(planId);
    const activities = isNew ? [] : await plans.liveActivities(planId);
    const goalById = new Map(goals.map((g) => [g.id, g]));
    const activityById = new Map(activities.map((a) => [a.id, a]));

    for (const [position, g] of input.goals.entries()) {
      const fields = { position, description: g.description, target: blankToNull(g.target), status: g.status };
      if (g.id === undefined) {
        await plans.insertGoal({ id: deps.ids.uuid(), care_plan_id: planId, ...fields, created_at: at, updated_at: at });
      } else if (goalById.delete(g.id)) {
        await plans.updateGoal(g.id, fields, at);
      } else {
        throw new AppError('NOT_FOUND', 'This goal is not part of the plan', `goals.${position}.id`);
      }
    }
    for (const rest of goalById.keys()) await plans.updateGoal(rest, { deleted: 1 }, at);

    for (const [position, a] of input.activities.entries()) {
      const fields = { position, description: a.description, due_date: blankToNull(a.dueDate), owner_id: owners[position] ?? null };
      if (a.id === undefined) {
        await plans.insertActivity({
          id: deps.ids.uuid(), care_plan_id: planId, ...fields, ...statusChange(null, a.status, at, ''), status: a.status, created_at: at, updated_at: at,
        });
      } else {
        const existing = activityById.get(a.id);
        if (!existing) throw new AppError('NOT_FOUND', 'This activity is not part of the plan', `activities.${position}.id`);
        activityById.delete(a.id);
        await plans.updateActivity(a.id, { ...fields, ...statusChange(existing.status, a.status, at, `activities.${position}.status`) }, at);
      }
    }
    for (const rest of activityById.keys()) await plans.updateActivity(rest, { deleted: 1 }, at);
    await plans.setProblemLinks(planId, input.problemIds, () => deps.ids.uuid(), at);
  };

  return {
    'carePlans.list': async (input) => {
      await requirePatient(deps.db, input.patientId);
      const today = await clinicToday(deps);
      return { today, carePlans: await new CarePlanRepository(deps.db).plansOf(input.patientId, today) };
    },

    'carePlans.save': async (input, ctx) => {
      const userId = userOf(ctx);
      const owners = await checkReferences(input);
      const at = now();
      const planId = await deps.db.transaction().execute(async (trx) => {
        const plans = new CarePlanRepository(trx);
        const fields = {
          encounter_id: input.encounterId ?? null,
          title: input.title,
          description: blankToNull(input.description),
          period_start: blankToNull(input.periodStart),
          period_end: blankToNull(input.periodEnd),
        };
        if (input.id === undefined) {
          const id = deps.ids.uuid();
          await plans.insertPlan({ id, patient_id: input.patientId, ...fields, status: 'draft', author_id: userId, created_at: at, updated_at: at });
          await writeParts(plans, id, input, owners, at, true);
          return id;
        }
        if (input.expectedVersion === undefined) throw new AppError('VALIDATION', 'expectedVersion is required to change a plan', 'expectedVersion');
        const current = await plans.findPlan(input.id);
        if (!current) throw new AppError('NOT_FOUND', 'No such care plan', 'id');
        if (current.patient_id !== input.patientId) throw new AppError('VALIDATION', 'This care plan is another patient’s', 'patientId');
        requireOpen(current);
        if (!(await plans.updatePlan(input.id, input.expectedVersion, { ...fields, encounter_id: input.encounterId ?? current.encounter_id }, at))) {
          throw stale('care plan');
        }
        await writeParts(plans, input.id, input, owners, at, false);
        return input.id;
      });
      return (await new CarePlanRepository(deps.db).planView(planId, await clinicToday(deps)))!;
    },

    'carePlans.setStatus': async (input, ctx) => {
      userOf(ctx);
      const plans = new CarePlanRepository(deps.db);
      const current = await plans.findPlan(input.id);
      if (!current) throw new AppError('NOT_FOUND', 'No such care plan', 'id');
      ctx.auditPatient(current.patient_id);
      const problem = carePlanTransitionProblem(current.status, input.status);
      if (problem) throw new AppError('CONFLICT', problem, 'status');
      if (!(await plans.updatePlan(input.id, input.expectedVersion, { status: input.status }, now()))) throw stale('care plan');
      return (await plans.planView(input.id, await clinicToday(deps)))!;
    },

    'carePlans.updateActivity': async (input, ctx) => {
      userOf(ctx);
      const at = now();
      const planStatus = await deps.db.transaction().execute(async (trx) => {
        const plans = new CarePlanRepository(trx);
        const current = await plans.findActivity(input.id);
        if (!current) throw new AppError('NOT_FOUND', 'No such activity', 'id');
        ctx.auditPatient(current.patient_id);
        if (!isCarePlanOpen(current.plan_status)) throw new AppError('CONFLICT', `This care plan is ${current.plan_status}; its activities can no longer change`, 'id');
        const changes: Updateable<CarePlanActivitiesTable> = {};
        if (input.status !== undefined) {
          if (input.status !== current.status && current.plan_status !== 'active') {
            throw new AppError('CONFLICT', 'Put the care plan into effect before working on its activities', 'status');
          }
          Object.assign(changes, statusChange(current.status, input.status, at, 'status'));
        }
        if (input.ownerId !== undefined) changes.owner_id = await requireOwner(trx, input.ownerId, 'ownerId');
        if (input.dueDate !== undefined) changes.due_date = blankToNull(input.dueDate);
        if (!(await plans.updateActivityAtVersion(input.id, input.expectedVersion, changes, at))) throw stale('activity');
        await plans.touchPlan(current.care_plan_id, at);
        return current.plan_status;
      });
      return (await new CarePlanRepository(deps.db).activityView(input.id, planStatus, await clinicToday(deps)))!;
    },

    'carePlans.worklist': async (input, ctx) => {
      const userId = userOf(ctx);
      const today = await clinicToday(deps);
      const items = await new CarePlanRepository(deps.db).worklist({ today, ownerId: input.mine ? userId : undefined, limit: input.limit });
      return { today, items };
    },
  };
}
