import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import { MRN_PATTERN_MAX_LENGTH, mrnPatternProblem } from '../domain/mrn-pattern';
import {
  DateOfBirthSchema,
  DuplicateCandidateSchema,
  FamilyNameSchema,
  GivenNameSchema,
  InsuranceNumberSchema,
  NationalIdSchema,
  OptionalPhoneSchema,
  PATIENT_DEMOGRAPHICS,
  PatientChangeSchema,
  PatientRecordSchema,
  PatientSummarySchema,
  emergencyContactProblem,
} from '../domain/patients';

const VersionSchema = z.number({ error: 'must be a version number' }).int().nonnegative();

/** At most this many duplicates can be acknowledged at once; more means the search was wrong. */
export const MAX_ACKNOWLEDGED_DUPLICATES = 20;

const RegisterPatientSchema = z
  .strictObject({
    ...PATIENT_DEMOGRAPHICS,
    /** The likely duplicates the user saw and confirmed to be different patients. */
    acknowledgedDuplicateIds: z.array(UuidSchema).max(MAX_ACKNOWLEDGED_DUPLICATES).default([]),
  })
  .superRefine((input, ctx) => {
    const problem = emergencyContactProblem(input);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
  });

/** Only the fields to change; "" clears an optional field. */
const PatientChangesSchema = z
  .strictObject(PATIENT_DEMOGRAPHICS)
  .partial()
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), { error: 'Nothing to change' });

const MrnSettingsSchema = z.object({
  pattern: z.string(),
  /** The MRN the next registration would get today. */
  nextMrn: z.string().nullable(),
});

export const patientsContract = {
  'patients.search': method({
    summary: 'Find patients by name, MRN, date of birth or phone',
    access: 'patients.read',
    input: z.strictObject({
      query: z.string({ error: 'Search text must be text' }).max(200, { error: 'Search text must be at most 200 characters' }),
      limit: z.number({ error: 'Limit must be a number' }).int().min(1).max(50).default(20),
      includeInactive: z.boolean().default(false),
    }),
    output: z.array(PatientSummarySchema),
  }),
  'patients.get': method({
    summary: 'Open a patient record',
    access: 'patients.read',
    input: z.strictObject({ id: UuidSchema }),
    output: PatientRecordSchema,
    patientIdOf: (input) => input.id,
  }),
  'patients.findDuplicates': method({
    summary: 'List registered patients who may be the same person',
    access: 'patients.read',
    input: z.strictObject({
      givenName: GivenNameSchema,
      familyName: FamilyNameSchema,
      dateOfBirth: DateOfBirthSchema,
      phone: OptionalPhoneSchema.optional(),
      nationalId: NationalIdSchema.optional(),
      insuranceNumber: InsuranceNumberSchema.optional(),
      /** The record being edited, which is not its own duplicate. */
      excludeId: UuidSchema.optional(),
    }),
    output: z.array(DuplicateCandidateSchema),
  }),
  'patients.register': method({
    summary: 'Register a new patient',
    access: 'patients.write',
    input: RegisterPatientSchema,
    output: PatientRecordSchema,
  }),
  'patients.update': method({
    summary: 'Change a patient’s demographics',
    access: 'patients.write',
    input: z.strictObject({ id: UuidSchema, expectedVersion: VersionSchema, changes: PatientChangesSchema }),
    output: PatientRecordSchema,
    patientIdOf: (input) => input.id,
  }),
  'patients.history': method({
    summary: 'Show the change history of a patient record',
    access: 'patients.read',
    input: z.strictObject({ id: UuidSchema }),
    output: z.array(PatientChangeSchema),
    patientIdOf: (input) => input.id,
  }),
  'patients.setActive': method({
    summary: 'Deactivate or reactivate a patient record',
    access: 'patients.write',
    input: z.strictObject({ id: UuidSchema, active: z.boolean() }),
    output: PatientRecordSchema,
    patientIdOf: (input) => input.id,
  }),
  'patients.merge': method({
    summary: 'Merge a duplicate patient record into the surviving one',
    access: 'patients.merge',
    input: z.strictObject({
      survivorId: UuidSchema,
      mergedId: UuidSchema,
      expectedVersions: z.strictObject({ survivor: VersionSchema, merged: VersionSchema }),
    }),
    output: PatientRecordSchema,
    patientIdOf: (input) => input.survivorId,
  }),
  'patients.mrnSettings': method({
    summary: 'Show the medical record number pattern',
    access: 'clinic.manage',
    input: z.strictObject({}),
    output: MrnSettingsSchema,
  }),
  'patients.setMrnSettings': method({
    summary: 'Change the medical record number pattern',
    access: 'clinic.manage',
    input: z.strictObject({
      pattern: z
        .string({ error: 'MRN pattern must be text' })
        .trim()
        .max(MRN_PATTERN_MAX_LENGTH, { error: `MRN pattern must be at most ${MRN_PATTERN_MAX_LENGTH} characters` })
        .superRefine((pattern, ctx) => {
          const problem = mrnPatternProblem(pattern);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    }),
    output: MrnSettingsSchema,
  }),
} as const;
