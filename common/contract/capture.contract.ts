import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import { CapturedReadingSchema, ChartObservationSchema, OpenEncounterSchema } from '../domain/captures';
import { optionalSingleLineText } from '../domain/text';

const ReadingIdsSchema = z
  .array(UuidSchema)
  .min(1, 'choose at least one reading')
  .max(200, 'at most 200 readings at once')
  .refine((ids) => new Set(ids).size === ids.length, 'a reading is listed twice');

/**
 * Capture flow: device readings arrive live for the encounter active where the device sits; a
 * nurse or physician accepts them into the chart or rejects them. Nothing is charted without that
 * decision, and invalid readings cannot be charted at all.
 */
export const captureContract = {
  'encounters.open': method({
    summary: 'Encounters open today (checked in or in a room), for clinicians to pick from',
    access: 'clinical.read',
    input: z.strictObject({}),
    output: z.array(OpenEncounterSchema),
  }),
  'encounters.get': method({
    summary: 'Open one encounter',
    access: 'clinical.read',
    input: z.strictObject({ encounterId: UuidSchema }),
    output: OpenEncounterSchema,
  }),
  'capture.focus': method({
    summary: 'Send readings from the devices at a room or workstation into this encounter',
    access: 'devices.capture',
    input: z.strictObject({ encounterId: UuidSchema, locationId: UuidSchema }),
    output: OpenEncounterSchema,
  }),
  'capture.release': method({
    summary: 'Stop sending readings from a room or workstation’s devices into a focused encounter',
    access: 'devices.capture',
    input: z.strictObject({ locationId: UuidSchema }),
    output: z.object({ released: z.boolean() }),
  }),
  'capture.pending': method({
    summary: 'Readings waiting for a decision, for an encounter, a patient or all',
    access: 'devices.capture',
    input: z.strictObject({
      encounterId: UuidSchema.optional(),
      patientId: UuidSchema.optional(),
      /** Include readings nobody could be matched to (the unassigned inbox). */
      includeUnassigned: z.boolean({ error: 'includeUnassigned must be true or false' }).default(false),
      limit: z.number().int().min(1, 'limit must be 1–500').max(500, 'limit must be 1–500').default(200),
    }),
    output: z.array(CapturedReadingSchema),
    patientIdOf: (input) => input.patientId,
  }),
  'capture.accept': method({
    summary: 'Chart readings as observations',
    access: 'devices.capture',
    input: z.strictObject({
      readingIds: ReadingIdsSchema,
      /** Required when a reading has no patient or its message named another patient. */
      patientId: UuidSchema.optional(),
      encounterId: UuidSchema.optional(),
    }),
    output: z.object({ accepted: z.array(CapturedReadingSchema), observationIds: z.array(UuidSchema) }),
    patientIdOf: (input) => input.patientId,
  }),
  'capture.reject': method({
    summary: 'Reject readings (wrong patient, artefact, test run); they stay in the journal',
    access: 'devices.capture',
    input: z.strictObject({ readingIds: ReadingIdsSchema, reason: optionalSingleLineText('Reason', 200).default('') }),
    output: z.object({ rejected: z.array(CapturedReadingSchema) }),
  }),
  'observations.list': method({
    summary: 'A patient’s charted observations (vitals and results), newest first',
    access: 'clinical.read',
    input: z.strictObject({
      patientId: UuidSchema,
      encounterId: UuidSchema.optional(),
      limit: z.number().int().min(1, 'limit must be 1–1000').max(1000, 'limit must be 1–1000').default(200),
    }),
    output: z.array(ChartObservationSchema),
    patientIdOf: (input) => input.patientId,
  }),
} as const;
