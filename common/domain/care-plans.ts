import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { PatientLinkSchema } from './patients';
import { ProblemCodeSystemSchema, ProblemStatusSchema } from './problems';

export const CARE_PLAN_STATUSES = ['draft', 'active', 'completed', 'revoked'] as const;
export const CarePlanStatusSchema = z.enum(CARE_PLAN_STATUSES, { error: 'Status must be draft, active, completed or revoked' });
export type CarePlanStatus = z.infer<typeof CarePlanStatusSchema>;
export const CARE_PLAN_STATUS_LABELS: Readonly<Record<CarePlanStatus, string>> = {
  draft: 'Draft',
  active: 'Active',
  completed: 'Completed',
  revoked: 'Revoked',
};

/**
 * A plan is drafted, put into effect, and then either completed or revoked (withdrawn). A draft
 * may be revoked without ever taking effect. Completed and revoked are final.
 */
export const CARE_PLAN_TRANSITIONS: Readonly<Record<CarePlanStatus, readonly CarePlanStatus[]>> = {
  draft: ['active', 'revoked'],
  active: ['completed', 'revoked'],
  completed: [],
  revoked: [],
};

export function carePlanTransitionProblem(from: CarePlanStatus, to: CarePlanStatus): string | null {
  if (CARE_PLAN_TRANSITIONS[from].includes(to)) return null;
  const allowed = CARE_PLAN_TRANSITIONS[from].map((s) => CARE_PLAN_STATUS_LABELS[s].toLowerCase());
  return `This care plan is ${CARE_PLAN_STATUS_LABELS[from].toLowerCase()}; it ${allowed.length ? `can only become ${allowed.join(' or ')}` : 'can no longer change'}`;
}

/** Plans whose content (goals, activities, problems) may still change. */
export function isCarePlanOpen(status: CarePlanStatus): boolean {
  return status === 'draft' || status === 'active';
}

export const GOAL_STATUSES = ['proposed', 'active', 'achieved', 'not-achieved', 'cancelled'] as const;
export const GoalStatusSchema = z.enum(GOAL_STATUSES, { error: 'Goal status must be proposed, active, achieved, not-achieved or cancelled' });
export type GoalStatus = z.infer<typeof GoalStatusSchema>;
export const GOAL_STATUS_LABELS: Readonly<Record<GoalStatus, string>> = {
  proposed: 'Proposed',
  active: 'Active',
  achieved: 'Achieved',
  'not-achieved': 'Not achieved',
  cancelled: 'Cancelled',
};

export const ACTIVITY_STATUSES = ['not-started', 'in-progress', 'completed', 'cancelled'] as const;
export const ActivityStatusSchema = z.enum(ACTIVITY_STATUSES, { error: 'Activity status must be not-started, in-progress, completed or cancelled' });
export type ActivityStatus = z.infer<typeof ActivityStatusSchema>;
export const ACTIVITY_STATUS_LABELS: Readonly<Record<ActivityStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Completed and cancelled activities are done with; the others are open (on the worklist). */
export function isActivityOpen(status: ActivityStatus): boolean {
  return status === 'not-started' || status === 'in-progress';
}

export function activityTransitionProblem(from: ActivityStatus, to: ActivityStatus): string | null {
  if (from === to || isActivityOpen(from)) return null;
  return `This activity is ${ACTIVITY_STATUS_LABELS[from].toLowerCase()}; it can no longer change status`;
}

/**
 * Overdue: still open and due before `today` (the clinic's local date, YYYY-MM-DD). An activity
 * due today is not overdue yet. Only activities of an active plan count.
 */
export function isActivityOverdue(a: { status: ActivityStatus; dueDate: string | null }, planStatus: CarePlanStatus, today: string): boolean {
  return planStatus === 'active' && isActivityOpen(a.status) && a.dueDate !== null && a.dueDate < today;
}

export const CarePlanGoalSchema = z.object({
  id: UuidSchema,
  description: z.string(),
  target: z.string().nullable(),
  status: GoalStatusSchema,
});
export type CarePlanGoal = z.infer<typeof CarePlanGoalSchema>;

export const CarePlanActivitySchema = z.object({
  id: UuidSchema,
  carePlanId: UuidSchema,
  description: z.string(),
  dueDate: z.string().nullable(),
  ownerId: UuidSchema.nullable(),
  ownerName: z.string().nullable(),
  status: ActivityStatusSchema,
  completedAt: InstantSchema.nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type CarePlanActivity = z.infer<typeof CarePlanActivitySchema>;

export const LinkedProblemSchema = z.object({
  id: UuidSchema,
  condition: z.string(),
  codeSystem: ProblemCodeSystemSchema.nullable(),
  code: z.string().nullable(),
  status: ProblemStatusSchema,
});
export type LinkedProblem = z.infer<typeof LinkedProblemSchema>;

export const CarePlanSchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  encounterId: UuidSchema.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  status: CarePlanStatusSchema,
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
  goals: z.array(CarePlanGoalSchema),
  activities: z.array(CarePlanActivitySchema),
  problems: z.array(LinkedProblemSchema),
  overdueActivities: z.number().int(),
});
export type CarePlan = z.infer<typeof CarePlanSchema>;

/** An open activity of an active plan, as the worklist shows it across patients. */
export const WorklistItemSchema = z.object({
  activity: CarePlanActivitySchema,
  carePlan: z.object({ id: UuidSchema, title: z.string(), encounterId: UuidSchema.nullable() }),
  patient: PatientLinkSchema,
});
export type WorklistItem = z.infer<typeof WorklistItemSchema>;
