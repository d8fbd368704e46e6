import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import { ChartObservationSchema } from '../domain/captures';
import {
  AMENDMENT_REASON_MAX,
  CHIEF_COMPLAINT_MAX,
  ClinicalNoteSchema,
  EncounterComplaintSchema,
  SoapSectionsSchema,
  SymptomListSchema,
  VitalEntryListSchema,
} from '../domain/clinical-notes';
import { optionalSingleLineText, singleLineText } from '../domain/text';

const ExpectedVersionSchema = z
  .number({ error: 'expectedVersion must be a number' })
  .int({ error: 'expectedVersion must be a whole number' })
  .min(1, { error: 'expectedVersion must be 1 or more' });

/**
 * Encounter documentation: the chief complaint and symptoms, SOAP notes (drafted, signed by their
 * author, amended but never edited once signed) and vitals measured by hand.
 */
export const documentationContract = {
  'encounters.complaint': method({
    summary: 'The chief complaint and symptoms recorded for an encounter',
    access: 'clinical.read',
    input: z.strictObject({ encounterId: UuidSchema }),
    output: EncounterComplaintSchema,
  }),
  'encounters.saveComplaint': method({
    summary: 'Record the chief complaint and symptoms of an open encounter',
    access: 'clinical.write',
    input: z.strictObject({
      encounterId: UuidSchema,
      /** '' clears it. */
      chiefComplaint: optionalSingleLineText('Chief complaint', CHIEF_COMPLAINT_MAX),
      symptoms: SymptomListSchema.default([]),
    }),
    output: EncounterComplaintSchema,
  }),
  'notes.list': method({
    summary: 'The notes of an encounter or of a patient, oldest first, with their amendments',
    access: 'clinical.read',
    input: z
      .strictObject({ encounterId: UuidSchema.optional(), patientId: UuidSchema.optional() })
      .refine((i) => (i.encounterId === undefined) !== (i.patientId === undefined), {
        error: 'give either encounterId or patientId',
        path: ['encounterId'],
      }),
    output: z.array(ClinicalNoteSchema),
    patientIdOf: (input) => input.patientId,
  }),
  'notes.saveDraft': method({
    summary: 'Start a note or save one’s own draft (SOAP sections)',
    access: 'clinical.write',
    input: z
      .strictObject({
        encounterId: UuidSchema,
        /** Absent: a new draft. Present: the caller's draft to save, at `expectedVersion`. */
        noteId: UuidSchema.optional(),
        expectedVersion: ExpectedVersionSchema.optional(),
        ...SoapSectionsSchema,
      })
      .refine((i) => i.noteId === undefined || i.expectedVersion !== undefined, {
        error: 'expectedVersion is required to save an existing draft',
        path: ['expectedVersion'],
      }),
    output: ClinicalNoteSchema,
  }),
  'notes.sign': method({
    summary: 'Sign one’s own draft note; signing an amendment marks the note it corrects as amended',
    access: 'clinical.sign',
    input: z.strictObject({ noteId: UuidSchema, expectedVersion: ExpectedVersionSchema }),
    output: ClinicalNoteSchema,
  }),
  'notes.amend': method({
    summary: 'Start an amendment of a signed note: a new draft with its content and a reason',
    access: 'clinical.write',
    input: z.strictObject({ noteId: UuidSchema, reason: singleLineText('Reason for the amendment', AMENDMENT_REASON_MAX) }),
    output: ClinicalNoteSchema,
  }),
  'vitals.record': method({
    summary: 'Chart vitals measured by hand in an open encounter, all or nothing',
    access: 'clinical.write',
    input: z.strictObject({ encounterId: UuidSchema, vitals: VitalEntryListSchema }),
    output: z.array(ChartObservationSchema),
  }),
} as const;
