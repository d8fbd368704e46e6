import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';

/** A bundle is at most 20 MB of JSON text. */
export const FHIR_BUNDLE_MAX_CHARS = 20 * 1024 * 1024;

export const FhirProblemSchema = z.object({
  /** The entry's position in Bundle.entry; -1 for the bundle itself. */
  index: z.number().int(),
  resourceType: z.string(),
  id: z.string(),
  path: z.string(),
  message: z.string(),
});
export type FhirProblem = z.infer<typeof FhirProblemSchema>;

const BundleTextSchema = z
  .string({ error: 'The bundle must be JSON text' })
  .min(1, 'The bundle is empty')
  .max(FHIR_BUNDLE_MAX_CHARS, 'The bundle is larger than 20 MB')
  .refine((s) => /^\s*\{/.test(s), 'The bundle must be a JSON object ({ "resourceType": "Bundle", ... })');

const CountsSchema = z.record(z.string(), z.number().int());

/**
 * FHIR R4 exchange of a patient's whole record (issue 5.6). Export is a `collection` Bundle;
 * import takes the same shape and writes all of it in one transaction or nothing.
 */
export const fhirContract = {
  'fhir.exportPatient': method({
    summary: 'A patient’s whole record as a FHIR R4 Bundle (JSON)',
    access: 'clinical.read',
    input: z.strictObject({ patientId: UuidSchema }),
    output: z.object({ json: z.string(), counts: CountsSchema }),
    patientIdOf: (input) => input.patientId,
  }),
  'fhir.validateBundle': method({
    summary: 'Check a FHIR R4 Bundle for import without writing anything: every problem, per resource',
    access: 'clinical.write',
    input: z.strictObject({ json: BundleTextSchema }),
    output: z.object({ valid: z.boolean(), problems: z.array(FhirProblemSchema) }),
  }),
  'fhir.importBundle': method({
    summary: 'Import a FHIR R4 Bundle as a new patient or into the patient with the same MRN or national id',
    access: 'clinical.write',
    input: z.strictObject({
      json: BundleTextSchema,
      mode: z.enum(['new', 'match'], { error: 'mode must be new or match' }).default('new'),
    }),
    output: z.object({
      patientId: UuidSchema,
      mrn: z.string(),
      matched: z.boolean(),
      created: CountsSchema,
      skipped: CountsSchema,
    }),
  }),
} as const;
