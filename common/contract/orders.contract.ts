import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import {
  AllergenCodeSchema,
  AllergenCodeSystemSchema,
  AllergenSchema,
  AllergyCategorySchema,
  AllergySchema,
  AllergySeveritySchema,
  AllergyStatusSchema,
  AllergyWarningSchema,
  ReactionSchema,
} from '../domain/allergies';
import {
  AccessionNumberSchema,
  CancelReasonSchema,
  DoseSchema,
  DoseUnitSchema,
  DrugCodeSchema,
  DrugNameSchema,
  DurationDaysSchema,
  FrequencySchema,
  InstructionsSchema,
  LoincCodeSchema,
  OrderSchema,
  OverrideReasonSchema,
  PrioritySchema,
  QuantitySchema,
  RefillsSchema,
  RouteSchema,
  SpecimenSchema,
  TestNameSchema,
} from '../domain/orders';

const ExpectedVersionSchema = z
  .number({ error: 'expectedVersion must be a number' })
  .int({ error: 'expectedVersion must be a whole number' })
  .min(1, { error: 'expectedVersion must be at least 1' });

const OrderWithWarningsSchema = z.object({ order: OrderSchema, allergyWarnings: z.array(AllergyWarningSchema) });

/**
 * Allergies and orders. Nurses and physicians record allergies and draft orders; only a physician
 * signs (draft → active). A medication that matches an active allergy (common/domain/allergies.ts)
 * comes back with `allergyWarnings`, and signing it needs an explicit override with a reason.
 * A lab order's accession number is also the sample id analyzers send, so results attach to it.
 */
export const ordersContract = {
  'allergies.list': method({
    summary: 'A patient’s allergies (active first); inactive and mistaken entries on request',
    access: 'clinical.read',
    input: z.strictObject({
      patientId: UuidSchema,
      includeInactive: z.boolean({ error: 'includeInactive must be true or false' }).default(false),
    }),
    output: z.array(AllergySchema),
    patientIdOf: (input) => input.patientId,
  }),
  'allergies.record': method({
    summary: 'Record an allergy or intolerance',
    access: 'clinical.write',
    input: z.strictObject({
      patientId: UuidSchema,
      allergen: AllergenSchema,
      category: AllergyCategorySchema.default('drug'),
      code: AllergenCodeSchema.default(''),
      codeSystem: AllergenCodeSystemSchema.optional(),
      reaction: ReactionSchema.default(''),
      severity: AllergySeveritySchema.default('unknown'),
    }),
    output: AllergySchema,
    patientIdOf: (input) => input.patientId,
  }),
  'allergies.update': method({
    summary: 'Change an allergy’s reaction, severity or status (inactive, entered in error)',
    access: 'clinical.write',
    input: z.strictObject({
      id: UuidSchema,
      expectedVersion: ExpectedVersionSchema,
      reaction: ReactionSchema.optional(),
      severity: AllergySeveritySchema.optional(),
      status: AllergyStatusSchema.optional(),
    }),
    output: AllergySchema,
  }),
  'orders.list': method({
    summary: 'A patient’s orders (optionally of one encounter), newest first, with attached results',
    access: 'clinical.read',
    input: z.strictObject({
      patientId: UuidSchema,
      encounterId: UuidSchema.optional(),
      limit: z.number({ error: 'limit must be a number' }).int({ error: 'limit must be 1–500' }).min(1, 'limit must be 1–500').max(500, 'limit must be 1–500').default(200),
    }),
    output: z.array(OrderSchema),
    patientIdOf: (input) => input.patientId,
  }),
  'orders.checkAllergies': method({
    summary: 'Which of a patient’s active allergies a drug would trigger',
    access: 'clinical.read',
    input: z.strictObject({ patientId: UuidSchema, drug: DrugNameSchema, drugCode: DrugCodeSchema.default('') }),
    output: z.array(AllergyWarningSchema),
    patientIdOf: (input) => input.patientId,
  }),
  'orders.draftMedication': method({
    summary: 'Draft a medication order (a physician signs it)',
    access: 'clinical.write',
    input: z.strictObject({
      patientId: UuidSchema,
      encounterId: UuidSchema.optional(),
      drug: DrugNameSchema,
      drugCode: DrugCodeSchema.default(''),
      dose: DoseSchema,
      doseUnit: DoseUnitSchema,
      route: RouteSchema,
      frequency: FrequencySchema,
      durationDays: DurationDaysSchema.optional(),
      quantity: QuantitySchema.optional(),
      refills: RefillsSchema.default(0),
      instructions: InstructionsSchema.default(''),
    }),
    output: OrderWithWarningsSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'orders.draftLab': method({
    summary: 'Draft a lab order; an accession number is assigned unless one is given',
    access: 'clinical.write',
    input: z.strictObject({
      patientId: UuidSchema,
      encounterId: UuidSchema.optional(),
      testCode: LoincCodeSchema,
      testName: TestNameSchema,
      specimen: SpecimenSchema,
      priority: PrioritySchema.default('routine'),
      accessionNumber: AccessionNumberSchema.optional(),
    }),
    output: OrderSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'orders.sign': method({
    summary: 'Sign a draft order (it becomes active); an allergy warning needs an override with a reason',
    access: 'clinical.sign',
    input: z.strictObject({
      orderId: UuidSchema,
      expectedVersion: ExpectedVersionSchema,
      overrideAllergy: z.strictObject({ reason: OverrideReasonSchema }).optional(),
    }),
    output: OrderWithWarningsSchema,
  }),
  'orders.complete': method({
    summary: 'Mark an active order completed',
    access: 'clinical.write',
    input: z.strictObject({ orderId: UuidSchema, expectedVersion: ExpectedVersionSchema }),
    output: OrderSchema,
  }),
  'orders.cancel': method({
    summary: 'Cancel a draft or active order, with the reason',
    access: 'clinical.write',
    input: z.strictObject({ orderId: UuidSchema, expectedVersion: ExpectedVersionSchema, reason: CancelReasonSchema }),
    output: OrderSchema,
  }),
} as const;
