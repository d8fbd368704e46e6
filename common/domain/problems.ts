import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { optionalSingleLineText, singleLineText } from './text';

/** The code systems a problem may be coded in; a problem may also be charted in words only. */
export const PROBLEM_CODE_SYSTEMS = ['snomed-ct', 'icd-10'] as const;
export const ProblemCodeSystemSchema = z.enum(PROBLEM_CODE_SYSTEMS, { error: 'Code system must be snomed-ct or icd-10' });
export type ProblemCodeSystem = z.infer<typeof ProblemCodeSystemSchema>;
export const CODE_SYSTEM_LABELS: Readonly<Record<ProblemCodeSystem, string>> = { 'snomed-ct': 'SNOMED CT', 'icd-10': 'ICD-10' };

/** SNOMED CT concept ids are digits; ICD-10 codes look like I10 or E11.9. "" for no code. */
export const ProblemCodeSchema = z
  .string({ error: 'Code must be text' })
  .trim()
  .max(20, { error: 'Code must be at most 20 characters' })
  .regex(/^$|^[A-Za-z0-9][A-Za-z0-9.-]*$/, { error: 'Code may contain only letters, digits, "." and "-"' });

/** Whether a code fits its system; null when it does. */
export function problemCodeProblem(system: ProblemCodeSystem, code: string): string | null {
  if (system === 'snomed-ct' && !/^\d{6,18}$/.test(code)) return 'A SNOMED CT code is 6 to 18 digits';
  if (system === 'icd-10' && !/^[A-Za-z]\d{2}(\.[A-Za-z0-9]{1,4})?$/.test(code)) return 'An ICD-10 code looks like I10 or E11.9';
  return null;
}

export const PROBLEM_STATUSES = ['active', 'resolved', 'inactive', 'entered-in-error'] as const;
export const ProblemStatusSchema = z.enum(PROBLEM_STATUSES, { error: 'Status must be active, resolved, inactive or entered-in-error' });
export type ProblemStatus = z.infer<typeof ProblemStatusSchema>;
export const PROBLEM_STATUS_LABELS: Readonly<Record<ProblemStatus, string>> = {
  active: 'Active',
  resolved: 'Resolved',
  inactive: 'Inactive',
  'entered-in-error': 'Entered in error',
};

export const ConditionSchema = singleLineText('Condition', 200);

export const ProblemSchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  encounterId: UuidSchema.nullable(),
  condition: z.string(),
  codeSystem: ProblemCodeSystemSchema.nullable(),
  code: z.string().nullable(),
  onsetDate: z.string().nullable(),
  status: ProblemStatusSchema,
  resolvedDate: z.string().nullable(),
  notes: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const MEDICATION_STATUSES = ['active', 'stopped', 'entered-in-error'] as const;
export const MedicationStatusSchema = z.enum(MEDICATION_STATUSES, { error: 'Status must be active, stopped or entered-in-error' });
export type MedicationStatus = z.infer<typeof MedicationStatusSchema>;
export const MEDICATION_STATUS_LABELS: Readonly<Record<MedicationStatus, string>> = {
  active: 'Taking',
  stopped: 'Stopped',
  'entered-in-error': 'Entered in error',
};

export const DrugSchema = singleLineText('Drug', 200);
export const DoseSchema = optionalSingleLineText('Dose', 40);
export const DoseUnitSchema = optionalSingleLineText('Unit', 40);
export const RouteSchema = optionalSingleLineText('Route', 60);
export const FrequencySchema = optionalSingleLineText('Frequency', 100);

/** What the patient takes (or took), as reported or seen: not an order this clinic wrote. */
export const MedicationStatementSchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  encounterId: UuidSchema.nullable(),
  drug: z.string(),
  dose: z.string().nullable(),
  unit: z.string().nullable(),
  route: z.string().nullable(),
  frequency: z.string().nullable(),
  startedOn: z.string().nullable(),
  stoppedOn: z.string().nullable(),
  status: MedicationStatusSchema,
  recordedByName: z.string().nullable(),
  recordedAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
});
export type MedicationStatement = z.infer<typeof MedicationStatementSchema>;

/** "1 tablet oral twice daily": the parts that were given, in reading order. */
export function medicationSig(m: Pick<MedicationStatement, 'dose' | 'unit' | 'route' | 'frequency'>): string {
  return [[m.dose, m.unit].filter(Boolean).join(' '), m.route, m.frequency].filter(Boolean).join(' · ');
}
