import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import { optionalDate, optionalMultiLineText } from '../domain/clinical-text';
import {
  ConditionSchema,
  DoseSchema,
  DoseUnitSchema,
  DrugSchema,
  FrequencySchema,
  MedicationStatementSchema,
  MedicationStatusSchema,
  ProblemCodeSchema,
  ProblemCodeSystemSchema,
  ProblemSchema,
  ProblemStatusSchema,
  RouteSchema,
} from '../domain/problems';
import {
  ActivityStatusSchema,
  CarePlanActivitySchema,
  CarePlanSchema,
  CarePlanStatusSchema,
  GoalStatusSchema,
  WorklistItemSchema,
} from '../domain/care-plans';
import { optionalSingleLineText, singleLineText } from '../domain/text';
import { LocalDateSchema } from '../domain/time-zone';

const ExpectedVersionSchema = z.number({ error: 'expectedVersion must be a number' }).int('expectedVersion must be a whole number').min(1, 'expectedVersion must be at least 1');

/** A user id, or "" for nobody. */
const OptionalOwnerSchema = z
  .string({ error: 'Owner must be text' })
  .max(36, { error: 'Owner must be a user id' })
  .refine((s) => s === '' || UuidSchema.safeParse(s).success, { error: 'Owner must be a user id' });

const GoalInputSchema = z.strictObject({
  /** Present for a goal already in the plan; absent for a new one. */
  id: UuidSchema.optional(),
  description: singleLineText('Goal', 300),
  target: optionalSingleLineText('Target', 200).default(''),
  status: GoalStatusSchema.default('active'),
});

const ActivityInputSchema = z.strictObject({
  id: UuidSchema.optional(),
  description: singleLineText('Activity', 300),
  dueDate: optionalDate('Due date').default(''),
  ownerId: OptionalOwnerSchema.default(''),
  status: ActivityStatusSchema.default('not-started'),
});

const ListLimitSchema = z.number().int('limit must be a whole number').min(1, 'limit must be 1–500').max(500, 'limit must be 1–500');

/**
 * The problem list, current medications and care plans of a patient (issue 5). Reads need
 * clinical.read, changes clinical.write. Every change carries the row's expectedVersion.
 */
export const careContract = {
  'problems.list': method({
    summary: 'A patient’s problem list (active first)',
    access: 'clinical.read',
    input: z.strictObject({
      patientId: UuidSchema,
      includeEnteredInError: z.boolean({ error: 'includeEnteredInError must be true or false' }).default(false),
    }),
    output: z.array(ProblemSchema),
    patientIdOf: (input) => input.patientId,
  }),
  'problems.record': method({
    summary: 'Add a problem to a patient’s problem list',
    access: 'clinical.write',
    input: z.strictObject({
      patientId: UuidSchema,
      encounterId: UuidSchema.optional(),
      condition: ConditionSchema,
      codeSystem: ProblemCodeSystemSchema.optional(),
      code: ProblemCodeSchema.default(''),
      onsetDate: optionalDate('Onset date').default(''),
      status: ProblemStatusSchema.default('active'),
      notes: optionalMultiLineText('Notes', 2000).default(''),
    }),
    output: ProblemSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'problems.update': method({
    summary: 'Change a problem: wording, code, onset, notes, or status (resolve, mark inactive or entered in error)',
    access: 'clinical.write',
    input: z.strictObject({
      id: UuidSchema,
      expectedVersion: ExpectedVersionSchema,
      condition: ConditionSchema.optional(),
      codeSystem: ProblemCodeSystemSchema.optional(),
      /** "" removes the code (and its system). */
      code: ProblemCodeSchema.optional(),
      onsetDate: optionalDate('Onset date').optional(),
      status: ProblemStatusSchema.optional(),
      /** When resolved; defaults to the clinic’s today when the status becomes resolved. */
      resolvedDate: optionalDate('Resolved date').optional(),
      notes: optionalMultiLineText('Notes', 2000).optional(),
    }),
    output: ProblemSchema,
  }),
  'medications.list': method({
    summary: 'What a patient currently takes (and took), as recorded',
    access: 'clinical.read',
    input: z.strictObject({
      patientId: UuidSchema,
      includeStopped: z.boolean({ error: 'includeStopped must be true or false' }).default(true),
    }),
    output: z.array(MedicationStatementSchema),
    patientIdOf: (input) => input.patientId,
  }),
  'medications.record': method({
    summary: 'Record a medication the patient takes',
    access: 'clinical.write',
    input: z.strictObject({
      patientId: UuidSchema,
      encounterId: UuidSchema.optional(),
      drug: DrugSchema,
      dose: DoseSchema.default(''),
      unit: DoseUnitSchema.default(''),
      route: RouteSchema.default(''),
      frequency: FrequencySchema.default(''),
      startedOn: optionalDate('Started').default(''),
    }),
    output: MedicationStatementSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'medications.update': method({
    summary: 'Change a current medication, stop it, or mark it entered in error',
    access: 'clinical.write',
    input: z.strictObject({
      id: UuidSchema,
      expectedVersion: ExpectedVersionSchema,
      drug: DrugSchema.optional(),
      dose: DoseSchema.optional(),
      unit: DoseUnitSchema.optional(),
      route: RouteSchema.optional(),
      frequency: FrequencySchema.optional(),
      startedOn: optionalDate('Started').optional(),
      status: MedicationStatusSchema.optional(),
      /** When stopped; defaults to the clinic’s today when the status becomes stopped. */
      stoppedOn: optionalDate('Stopped').optional(),
    }),
    output: MedicationStatementSchema,
  }),
  'carePlans.list': method({
    summary: 'A patient’s care plans with goals, activities (overdue flagged) and the problems they address',
    access: 'clinical.read',
    input: z.strictObject({ patientId: UuidSchema }),
    output: z.object({ today: LocalDateSchema, carePlans: z.array(CarePlanSchema) }),
    patientIdOf: (input) => input.patientId,
  }),
  'carePlans.save': method({
    summary: 'Create a care plan (as a draft) or change an open one: goals, activities and linked problems',
    access: 'clinical.write',
    input: z.strictObject({
      /** Absent: a new plan. */
      id: UuidSchema.optional(),
      /** Required with id. */
      expectedVersion: ExpectedVersionSchema.optional(),
      patientId: UuidSchema,
      encounterId: UuidSchema.optional(),
      title: singleLineText('Title', 200),
      description: optionalMultiLineText('Description', 4000).default(''),
      periodStart: optionalDate('Start').default(''),
      periodEnd: optionalDate('End').default(''),
      goals: z.array(GoalInputSchema, { error: 'goals must be a list' }).max(50, 'at most 50 goals').default([]),
      activities: z.array(ActivityInputSchema, { error: 'activities must be a list' }).max(100, 'at most 100 activities').default([]),
      problemIds: z
        .array(UuidSchema, { error: 'problemIds must be a list' })
        .max(50, 'at most 50 problems')
        .refine((ids) => new Set(ids).size === ids.length, 'a problem is listed twice')
        .default([]),
    }),
    output: CarePlanSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'carePlans.setStatus': method({
    summary: 'Put a care plan into effect, complete it or revoke it',
    access: 'clinical.write',
    input: z.strictObject({ id: UuidSchema, expectedVersion: ExpectedVersionSchema, status: CarePlanStatusSchema }),
    output: CarePlanSchema,
  }),
  'carePlans.updateActivity': method({
    summary: 'Change an activity of a care plan: status, owner or due date',
    access: 'clinical.write',
    input: z.strictObject({
      id: UuidSchema,
      expectedVersion: ExpectedVersionSchema,
      status: ActivityStatusSchema.optional(),
      /** "" leaves the activity without an owner. */
      ownerId: OptionalOwnerSchema.optional(),
      /** "" removes the due date. */
      dueDate: optionalDate('Due date').optional(),
    }),
    output: CarePlanActivitySchema,
  }),
  'carePlans.worklist': method({
    summary: 'Open activities of active care plans across patients, overdue first',
    access: 'clinical.read',
    input: z.strictObject({
      /** Only activities the caller owns. */
      mine: z.boolean({ error: 'mine must be true or false' }).default(false),
      limit: ListLimitSchema.default(200),
    }),
    output: z.object({ today: LocalDateSchema, items: z.array(WorklistItemSchema) }),
  }),
} as const;
