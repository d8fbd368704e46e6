import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { VITAL_SIGNS } from './observation-codes';
import { optionalSingleLineText, singleLineText } from './text';

// Control characters other than tab and line breaks, and bidi overrides: never part of a note.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NOTES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Text of several lines (a SOAP section): kept as typed apart from trailing space, bounded. */
export function multiLineText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .overwrite((s) => s.trimEnd())
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((s) => !UNSAFE_IN_NOTES.test(s), { error: `${label} contains characters that are not allowed` });
}

// ---- chief complaint and symptoms ----

export const SYMPTOM_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export const SymptomSeveritySchema = z.enum(SYMPTOM_SEVERITIES, { error: 'severity must be mild, moderate or severe' });
export type SymptomSeverity = z.infer<typeof SymptomSeveritySchema>;

export const SymptomSchema = z.strictObject({
  name: singleLineText('Symptom', 100),
  /** When it began, as the patient tells it ("2026-02-27", "last night"); '' when unknown. */
  onset: optionalSingleLineText('Onset', 60).default(''),
  severity: SymptomSeveritySchema,
  /** How long it has lasted or lasts ("3 days", "minutes at a time"); '' when unknown. */
  duration: optionalSingleLineText('Duration', 60).default(''),
});
export type Symptom = z.infer<typeof SymptomSchema>;

export const MAX_SYMPTOMS = 30;
export const SymptomListSchema = z
  .array(SymptomSchema, { error: 'symptoms must be a list' })
  .max(MAX_SYMPTOMS, { error: `at most ${MAX_SYMPTOMS} symptoms` });

export const CHIEF_COMPLAINT_MAX = 500;

export const EncounterComplaintSchema = z.object({
  encounterId: UuidSchema,
  /** null when none was recorded. */
  chiefComplaint: z.string().nullable(),
  symptoms: z.array(SymptomSchema),
  updatedAt: InstantSchema,
});
export type EncounterComplaint = z.infer<typeof EncounterComplaintSchema>;

// ---- SOAP notes ----

export const SOAP_SECTION_MAX = 20_000;
export const AMENDMENT_REASON_MAX = 500;
export const SOAP_SECTIONS = ['subjective', 'objective', 'assessment', 'plan'] as const;
export type SoapSection = (typeof SOAP_SECTIONS)[number];

export const SoapSectionsSchema = {
  subjective: multiLineText('Subjective', SOAP_SECTION_MAX).default(''),
  objective: multiLineText('Objective', SOAP_SECTION_MAX).default(''),
  assessment: multiLineText('Assessment', SOAP_SECTION_MAX).default(''),
  plan: multiLineText('Plan', SOAP_SECTION_MAX).default(''),
};

export const CLINICAL_NOTE_STATUSES = ['draft', 'signed', 'amended', 'entered-in-error'] as const;
export const ClinicalNoteStatusSchema = z.enum(CLINICAL_NOTE_STATUSES);
export type ClinicalNoteStatus = z.infer<typeof ClinicalNoteStatusSchema>;

/**
 * A note as the encounter shows it. Amendment chains run both ways: `amendsNoteId` is the note this
 * one corrects, `amendedByNoteIds` the notes (signed or still drafts) that correct this one.
 */
export const ClinicalNoteSchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  encounterId: UuidSchema,
  kind: z.literal('soap'),
  authorId: UuidSchema,
  authorName: z.string(),
  subjective: z.string(),
  objective: z.string(),
  assessment: z.string(),
  plan: z.string(),
  status: ClinicalNoteStatusSchema,
  signedAt: InstantSchema.nullable(),
  signedBy: UuidSchema.nullable(),
  amendsNoteId: UuidSchema.nullable(),
  amendmentReason: z.string().nullable(),
  amendedByNoteIds: z.array(UuidSchema),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
});
export type ClinicalNote = z.infer<typeof ClinicalNoteSchema>;

/** True when nothing was written in any section: such a note cannot be signed. */
export function isEmptyNote(note: Pick<ClinicalNote, SoapSection>): boolean {
  return SOAP_SECTIONS.every((s) => note[s].trim() === '');
}

// ---- vitals by hand ----

export const MANUAL_VITALS = [
  'systolic',
  'diastolic',
  'heartRate',
  'respiratoryRate',
  'oxygenSaturation',
  'bodyTemperature',
  'bodyWeight',
  'bodyHeight',
] as const;
export type ManualVital = (typeof MANUAL_VITALS)[number];
export const ManualVitalSchema = z.enum(MANUAL_VITALS, { error: `measure must be one of ${MANUAL_VITALS.join(', ')}` });

interface UnitConversion {
  /** From this unit to the chart's UCUM unit of the measure. */
  toCanonical(value: number): number;
  fromCanonical(value: number): number;
}

/** Units a clinician may enter besides the measure's own UCUM unit; stored as entered. */
const ALTERNATE_UNITS: Partial<Record<ManualVital, Readonly<Record<string, UnitConversion>>>> = {
  bodyTemperature: { '[degF]': { toCanonical: (f) => ((f - 32) * 5) / 9, fromCanonical: (c) => (c * 9) / 5 + 32 } },
  bodyWeight: { '[lb_av]': { toCanonical: (lb) => lb * 0.45359237, fromCanonical: (kg) => kg / 0.45359237 } },
  bodyHeight: { '[in_i]': { toCanonical: (i) => i * 2.54, fromCanonical: (cm) => cm / 2.54 } },
};

/** The units a measure may be entered in, its chart unit first. */
export function unitsOf(measure: ManualVital): string[] {
  return [VITAL_SIGNS[measure].ucum, ...Object.keys(ALTERNATE_UNITS[measure] ?? {})];
}

/** How a unit reads on screen. */
export const UNIT_LABELS: Readonly<Record<string, string>> = {
  'mm[Hg]': 'mmHg',
  '/min': '/min',
  '%': '%',
  Cel: '°C',
  '[degF]': '°F',
  kg: 'kg',
  '[lb_av]': 'lb',
  cm: 'cm',
  '[in_i]': 'in',
  'kg/m2': 'kg/m²',
};

/** The value in the measure's chart unit, or null when the unit does not fit the measure. */
export function toCanonicalValue(measure: ManualVital, value: number, unit: string): number | null {
  if (unit === VITAL_SIGNS[measure].ucum) return value;
  const conversion = ALTERNATE_UNITS[measure]?.[unit];
  return conversion ? conversion.toCanonical(value) : null;
}

/** The plausible range of a measure in the given unit, rounded for a message. */
export function plausibleRangeIn(measure: ManualVital, unit: string): { min: number; max: number } {
  const { min, max } = VITAL_SIGNS[measure].plausible;
  const conversion = ALTERNATE_UNITS[measure]?.[unit];
  const round = (n: number) => Math.round(n * 10) / 10;
  return conversion ? { min: round(conversion.fromCanonical(min)), max: round(conversion.fromCanonical(max)) } : { min, max };
}

/** A measured value as typed: digits with an optional decimal part, kept as text at its precision. */
export const DecimalValueSchema = z
  .string({ error: 'value must be text such as "37.2"' })
  .trim()
  .regex(/^\d{1,4}(\.\d{1,3})?$/, { error: 'value must be a number such as 37.2 (up to 3 decimals)' });

export const VitalEntrySchema = z
  .strictObject({
    measure: ManualVitalSchema,
    value: DecimalValueSchema,
    unit: z.string({ error: 'unit must be text' }).max(20, { error: 'unit must be at most 20 characters' }),
    observedAt: InstantSchema,
  })
  .superRefine((entry, ctx) => {
    const label = VITAL_SIGNS[entry.measure].display;
    const canonical = toCanonicalValue(entry.measure, Number(entry.value), entry.unit);
    if (canonical === null) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `${label} is recorded in ${unitsOf(entry.measure).join(' or ')}, not ${entry.unit || 'no unit'}` });
      return;
    }
    const { min, max } = VITAL_SIGNS[entry.measure].plausible;
    if (canonical < min || canonical > max) {
      const range = plausibleRangeIn(entry.measure, entry.unit);
      const unitLabel = UNIT_LABELS[entry.unit] ?? entry.unit;
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${label} of ${entry.value} ${unitLabel} is not plausible (expected ${range.min}–${range.max} ${unitLabel})`,
      });
    }
  });
export type VitalEntry = z.infer<typeof VitalEntrySchema>;

export const MAX_VITALS_PER_CALL = 20;

/** The entries of one recording; a systolic pressure must exceed the diastolic one taken with it. */
export const VitalEntryListSchema = z
  .array(VitalEntrySchema, { error: 'vitals must be a list' })
  .min(1, { error: 'enter at least one measurement' })
  .max(MAX_VITALS_PER_CALL, { error: `at most ${MAX_VITALS_PER_CALL} measurements at once` })
  .superRefine((entries, ctx) => {
    entries.forEach((entry, i) => {
      if (entry.measure !== 'systolic') return;
      const diastolic = entries.find((d) => d.measure === 'diastolic' && d.observedAt === entry.observedAt);
      if (diastolic && Number(entry.value) <= Number(diastolic.value)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'value'],
          message: `Systolic pressure (${entry.value}) must be higher than diastolic (${diastolic.value})`,
        });
      }
    });
  });

/** Body mass index from kg and cm, to one decimal, as text. */
export function bodyMassIndex(weightKg: number, heightCm: number): string {
  const metres = heightCm / 100;
  return (weightKg / (metres * metres)).toFixed(1);
}
