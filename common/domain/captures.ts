import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { PatientLinkSchema } from './patients';
import { ReadingFlagSchema } from './devices';

export const CAPTURE_STATUSES = ['pending', 'accepted', 'rejected', 'superseded'] as const;
export const CaptureStatusSchema = z.enum(CAPTURE_STATUSES);
export type CaptureStatus = z.infer<typeof CaptureStatusSchema>;

/**
 * A device reading waiting for (or past) a clinician's decision. `patient` is where it will be
 * charted; when the message named someone else (`messagePatient`), `patientConflict` is set and
 * accepting needs an explicit choice.
 */
export const CapturedReadingSchema = z.object({
  id: UuidSchema,
  deviceId: UuidSchema,
  deviceName: z.string(),
  journalSeq: z.number().int(),
  patient: PatientLinkSchema.nullable(),
  encounterId: UuidSchema.nullable(),
  orderId: UuidSchema.nullable(),
  /** The patient id as the message carried it (MRN, analyzer's patient id), if any. */
  messagePatientId: z.string().nullable(),
  messagePatient: PatientLinkSchema.nullable(),
  patientConflict: z.boolean(),
  sampleId: z.string().nullable(),
  code: z.string(),
  codeSystem: z.string().nullable(),
  display: z.string().nullable(),
  loinc: z.string().nullable(),
  ucum: z.string().nullable(),
  value: z.string(),
  unit: z.string(),
  flags: z.array(ReadingFlagSchema),
  referenceRange: z.string().nullable(),
  comments: z.array(z.string()),
  /** False for artifacts, sensor alarms, unstable or unparseable values: never charted. */
  valid: z.boolean(),
  observedAt: InstantSchema,
  receivedAt: InstantSchema,
  status: CaptureStatusSchema,
  decidedBy: z.string().nullable(),
  decidedAt: InstantSchema.nullable(),
  decisionNote: z.string().nullable(),
  observationId: UuidSchema.nullable(),
});
export type CapturedReading = z.infer<typeof CapturedReadingSchema>;

/** A charted observation as the encounter and the vitals list show it. */
export const ChartObservationSchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  encounterId: UuidSchema.nullable(),
  orderId: UuidSchema.nullable(),
  codeSystem: z.string(),
  code: z.string(),
  display: z.string().nullable(),
  value: z.string().nullable(),
  unit: z.string().nullable(),
  referenceRange: z.string().nullable(),
  flags: z.array(z.string()),
  observedAt: InstantSchema,
  status: z.string(),
  source: z.enum(['manual', 'device', 'import']),
  deviceId: UuidSchema.nullable(),
  deviceName: z.string().nullable(),
  performerId: UuidSchema.nullable(),
});
export type ChartObservation = z.infer<typeof ChartObservationSchema>;

export const OpenEncounterSchema = z.object({
  id: UuidSchema,
  patient: PatientLinkSchema,
  status: z.enum(['planned', 'in_progress', 'finished', 'cancelled']),
  providerName: z.string().nullable(),
  locationId: UuidSchema.nullable(),
  locationName: z.string().nullable(),
  appointmentId: UuidSchema.nullable(),
  startedAt: InstantSchema.nullable(),
  /** Locations whose devices capture into this encounter (its room, plus any focused here). */
  captureLocationIds: z.array(UuidSchema),
  pendingReadings: z.number().int(),
});
export type OpenEncounter = z.infer<typeof OpenEncounterSchema>;
