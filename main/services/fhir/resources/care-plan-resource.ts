import type { CarePlan, Goal } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { urnOf } from '../fhir-systems';

type PlanRow = PatientChart['carePlans'][number];
type GoalRow = PatientChart['goals'][number];
type ActivityRow = PatientChart['activities'][number];

/** Goal statuses as FHIR's lifecycle and achievement. */
const GOAL_STATUS = {
  proposed: { lifecycleStatus: 'proposed' },
  active: { lifecycleStatus: 'active' },
  achieved: { lifecycleStatus: 'completed', achievement: 'achieved' },
  'not-achieved': { lifecycleStatus: 'completed', achievement: 'not-achieved' },
  cancelled: { lifecycleStatus: 'cancelled' },
} as const;

export function toGoalResource(g: GoalRow, patientId: string): Goal {
  const s = GOAL_STATUS[g.status];
  return {
    resourceType: 'Goal',
    id: g.id,
    lifecycleStatus: s.lifecycleStatus,
    ...('achievement' in s
      ? { achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: s.achievement }] } }
      : {}),
    description: { text: g.description },
    subject: { reference: urnOf(patientId) },
    ...(g.target ? { target: [{ detailString: g.target }] } : {}),
  };
}

export function toCarePlanResource(plan: PlanRow, goals: readonly GoalRow[], activities: readonly ActivityRow[], problemIds: readonly string[]): CarePlan {
  const period = plan.period_start || plan.period_end
    ? { ...(plan.period_start ? { start: plan.period_start } : {}), ...(plan.period_end ? { end: plan.period_end } : {}) }
    : undefined;
  return {
    resourceType: 'CarePlan',
    id: plan.id,
    status: plan.status,
    intent: 'plan',
    title: plan.title,
    ...(plan.description ? { description: plan.description } : {}),
    subject: { reference: urnOf(plan.patient_id) },
    ...(plan.encounter_id ? { encounter: { reference: urnOf(plan.encounter_id) } } : {}),
    ...(period ? { period } : {}),
    created: plan.created_at,
    ...(plan.author_id ? { author: { reference: urnOf(plan.author_id) } } : {}),
    ...(problemIds.length > 0 ? { addresses: problemIds.map((id) => ({ reference: urnOf(id) })) } : {}),
    ...(goals.length > 0 ? { goal: goals.map((g) => ({ reference: urnOf(g.id) })) } : {}),
    ...(activities.length > 0
      ? {
        activity: activities.map((a) => ({
          detail: {
            status: a.status,
            description: a.description,
            ...(a.due_date ? { scheduledPeriod: { end: a.due_date } } : {}),
            ...(a.owner_id ? { performer: [{ reference: urnOf(a.owner_id) }] } : {}),
          },
        })),
      }
      : {}),
  };
}
