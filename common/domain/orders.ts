import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { optionalSingleLineText, singleLineText } from './text';

export const ORDER_KINDS = ['medication', 'lab'] as const;
export const ORDER_STATUSES = ['draft', 'active', 'completed', 'cancelled', 'entered-in-error'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * What each status may become: a draft is signed (active) or abandoned; an active order is
 * completed or cancelled. Completed and cancelled orders are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  'entered-in-error': [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export const DOSE_UNITS = ['mg', 'g', 'mcg', 'mL', 'IU', 'unit', 'mmol', 'tablet', 'capsule', 'drop', 'puff', 'patch', 'sachet'] as const;
export const ROUTES = ['oral', 'sublingual', 'iv', 'im', 'sc', 'topical', 'inhaled', 'nasal', 'rectal', 'vaginal', 'ophthalmic', 'otic', 'transdermal'] as const;
export const FREQUENCIES = ['once', 'daily', 'bid', 'tid', 'qid', 'q4h', 'q6h', 'q8h', 'q12h', 'at-night', 'weekly', 'prn'] as const;
export const SPECIMENS = ['blood', 'serum', 'plasma', 'urine', 'stool', 'swab', 'sputum', 'csf', 'other'] as const;
export const PRIORITIES = ['routine', 'urgent', 'stat'] as const;

export const DoseUnitSchema = z.enum(DOSE_UNITS, { error: `Unit must be one of ${DOSE_UNITS.join(', ')}` });
export const RouteSchema = z.enum(ROUTES, { error: `Route must be one of ${ROUTES.join(', ')}` });
export const FrequencySchema = z.enum(FREQUENCIES, { error: `Frequency must be one of ${FREQUENCIES.join(', ')}` });
export const SpecimenSchema = z.enum(SPECIMENS, { error: `Specimen must be one of ${SPECIMENS.join(', ')}` });
export const PrioritySchema = z.enum(PRIORITIES, { error: 'Priority must be routine, urgent or stat' });

export const DrugNameSchema = singleLineText('Drug', 120);
/** An optional RxNorm (or local) code for the drug, "" for none. */
export const DrugCodeSchema = optionalSingleLineText('Drug code', 40).refine((s) => /^([A-Za-z0-9][A-Za-z0-9.\-_]*)?$/.test(s), {
  error: 'Drug code must start with a letter or digit and contain only letters, digits, dots, dashes and underscores',
});
export const DoseSchema = z
  .number({ error: 'Dose must be a number' })
  .positive({ error: 'Dose must be more than 0' })
  .max(100_000, { error: 'Dose must be at most 100000' });
export const DurationDaysSchema = z
  .number({ error: 'Duration must be a whole number of days' })
  .int({ error: 'Duration must be a whole number of days' })
  .min(1, { error: 'Duration must be 1–365 days' })
  .max(365, { error: 'Duration must be 1–365 days' });
export const QuantitySchema = z
  .number({ error: 'Quantity must be a whole number' })
  .int({ error: 'Quantity must be a whole number' })
  .min(1, { error: 'Quantity must be 1–10000' })
  .max(10_000, { error: 'Quantity must be 1–10000' });
export const RefillsSchema = z
  .number({ error: 'Refills must be a whole number' })
  .int({ error: 'Refills must be a whole number' })
  .min(0, { error: 'Refills must be 0–12' })
  .max(12, { error: 'Refills must be 0–12' });
export const InstructionsSchema = optionalSingleLineText('Instructions', 500);

export const LoincCodeSchema = z.string({ error: 'Test code must be text' }).trim().regex(/^\d{1,7}-\d$/, { error: 'Test code must be a LOINC code such as 2345-7' });
export const TestNameSchema = singleLineText('Test', 120);
/** Given by hand (a pre-labelled tube) or assigned: letters, digits and dashes, 4–30 characters. */
export const AccessionNumberSchema = z
  .string({ error: 'Accession number must be text' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{3,29}$/, { error: 'Accession number must be 4–30 letters, digits or dashes' });
export const CancelReasonSchema = singleLineText('Reason', 200);
export const OverrideReasonSchema = singleLineText('Override reason', 300);

/** Medication details, stored as the order's details JSON and read back through this schema. */
export const MedicationDetailsSchema = z.object({
  dose: DoseSchema,
  doseUnit: DoseUnitSchema,
  route: RouteSchema,
  frequency: FrequencySchema,
  durationDays: DurationDaysSchema.nullable(),
  quantity: QuantitySchema.nullable(),
  refills: RefillsSchema,
  instructions: z.string(),
});
export type MedicationDetails = z.infer<typeof MedicationDetailsSchema>;

export const LabDetailsSchema = z.object({
  specimen: SpecimenSchema,
  priority: PrioritySchema,
  accessionNumber: z.string(),
});
export type LabDetails = z.infer<typeof LabDetailsSchema>;

/** A charted result attached to a lab order (an accepted analyzer reading, or entered by hand). */
export const OrderResultSchema = z.object({
  observationId: UuidSchema,
  code: z.string(),
  display: z.string().nullable(),
  value: z.string().nullable(),
  unit: z.string().nullable(),
  referenceRange: z.string().nullable(),
  /** As the analyzer gave them: high, low, critical-high, abnormal, ... Empty when normal. */
  flags: z.array(z.string()),
  abnormal: z.boolean(),
  observedAt: InstantSchema,
  status: z.string(),
});
export type OrderResult = z.infer<typeof OrderResultSchema>;

export const OrderSchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  encounterId: UuidSchema.nullable(),
  kind: z.enum(ORDER_KINDS),
  codeSystem: z.string(),
  code: z.string(),
  display: z.string(),
  status: z.enum(ORDER_STATUSES),
  medication: MedicationDetailsSchema.nullable(),
  lab: LabDetailsSchema.nullable(),
  orderedBy: z.string().nullable(),
  orderedByName: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  signedAt: InstantSchema.nullable(),
  statusReason: z.string().nullable(),
  allergyOverrideReason: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
  results: z.array(OrderResultSchema),
});
export type Order = z.infer<typeof OrderSchema>;

/** Reading flags (common/domain/devices.ts) that mean a result lies outside its reference range. */
export const ABNORMAL_FLAGS: readonly string[] = ['low', 'high', 'critical-low', 'critical-high', 'abnormal'];
export function isAbnormalFlag(flag: string): boolean {
  return ABNORMAL_FLAGS.includes(flag);
}

/** Common lab tests for the order form's pick list (LOINC). */
export const COMMON_LAB_TESTS: readonly { code: string; name: string; specimen: (typeof SPECIMENS)[number] }[] = [
  { code: '2345-7', name: 'Glucose [Mass/volume] in Serum or Plasma', specimen: 'serum' },
  { code: '4548-4', name: 'Hemoglobin A1c/Hemoglobin.total in Blood', specimen: 'blood' },
  { code: '58410-2', name: 'CBC panel - Blood by Automated count', specimen: 'blood' },
  { code: '718-7', name: 'Hemoglobin [Mass/volume] in Blood', specimen: 'blood' },
  { code: '6690-2', name: 'Leukocytes [#/volume] in Blood by Automated count', specimen: 'blood' },
  { code: '24323-8', name: 'Comprehensive metabolic panel - Serum or Plasma', specimen: 'serum' },
  { code: '2951-2', name: 'Sodium [Moles/volume] in Serum or Plasma', specimen: 'serum' },
  { code: '2823-3', name: 'Potassium [Moles/volume] in Serum or Plasma', specimen: 'serum' },
  { code: '2160-0', name: 'Creatinine [Mass/volume] in Serum or Plasma', specimen: 'serum' },
  { code: '1988-5', name: 'C reactive protein [Mass/volume] in Serum or Plasma', specimen: 'serum' },
  { code: '24331-1', name: 'Lipid panel - Serum or Plasma', specimen: 'serum' },
  { code: '3016-3', name: 'Thyrotropin [Units/volume] in Serum or Plasma', specimen: 'serum' },
  { code: '24356-8', name: 'Urinalysis complete panel - Urine', specimen: 'urine' },
];
