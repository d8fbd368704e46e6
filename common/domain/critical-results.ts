import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';

/**
 * Critical results: a value so far out that the responsible physician must hear of it now
 * (ISO 15189 5.9.1, CLIA 42 CFR 493.1291(g): "panic values"). A result is critical when its source
 * flagged it HH/LL, or when it falls outside the clinic's critical range for its LOINC code.
 */

/** Interpretation flags (device `critical-high`/`critical-low`, i.e. HL7 OBX-8 HH/LL, ASTM HH/LL) that make a result critical. */
export const CRITICAL_FLAGS: readonly string[] = ['critical-high', 'critical-low'];

export const CRITICAL_NOTE_MAX = 500;

export const CriticalRangeSchema = z.strictObject({
  loinc: z.string().regex(/^[0-9]{1,7}-[0-9]$/, { error: 'loinc must be a LOINC code such as 2823-3' }),
  display: z.string().trim().min(1, { error: 'display is required' }).max(120, { error: 'display is at most 120 characters' }),
  /** The UCUM unit the limits are in: a result in another unit is not compared (no silent conversion). */
  unit: z.string().trim().min(1, { error: 'unit is required' }).max(20, { error: 'unit is at most 20 characters' }),
  low: z.number({ error: 'low must be a number' }).finite().nullable(),
  high: z.number({ error: 'high must be a number' }).finite().nullable(),
}).refine((r) => r.low !== null || r.high !== null, { error: 'A critical range needs a low or a high limit', path: ['low'] })
  .refine((r) => r.low === null || r.high === null || r.low < r.high, { error: 'low must be below high', path: ['high'] });
export type CriticalRange = z.infer<typeof CriticalRangeSchema>;

export const CriticalRangeListSchema = z
  .array(CriticalRangeSchema)
  .max(200, { error: 'At most 200 critical ranges' })
  .refine((list) => new Set(list.map((r) => `${r.loinc}|${r.unit}`)).size === list.length, { error: 'One range per LOINC code and unit' });

/**
 * Defaults, after commonly published critical-value lists (e.g. Mayo Clinic Laboratories "Critical
 * Values/Critical Results List"; Kost GJ, "Critical limits for urgent clinician notification at US
 * medical centers", JAMA 1990) and early-warning vital-sign triggers. Each clinic's medical director
 * should review them; administrators change them with `criticalResults.setRanges`.
 */
export const DEFAULT_CRITICAL_RANGES: readonly CriticalRange[] = [
  { loinc: '2823-3', display: 'Potassium', unit: 'mmol/L', low: 2.5, high: 6.5 },
  { loinc: '2951-2', display: 'Sodium', unit: 'mmol/L', low: 120, high: 160 },
  { loinc: '2345-7', display: 'Glucose', unit: 'mg/dL', low: 40, high: 500 },
  { loinc: '2345-7', display: 'Glucose', unit: 'mmol/L', low: 2.2, high: 27.8 },
  { loinc: '2339-0', display: 'Glucose (blood)', unit: 'mg/dL', low: 40, high: 500 },
  { loinc: '718-7', display: 'Hemoglobin', unit: 'g/dL', low: 6, high: 20 },
  { loinc: '777-3', display: 'Platelets', unit: '10*3/uL', low: 20, high: 1000 },
  { loinc: '59408-5', display: 'Oxygen saturation (SpO2)', unit: '%', low: 85, high: null },
  { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', low: 70, high: 220 },
  { loinc: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', low: null, high: 130 },
  { loinc: '8867-4', display: 'Heart rate', unit: '/min', low: 40, high: 150 },
  { loinc: '9279-1', display: 'Respiratory rate', unit: '/min', low: 8, high: 30 },
  { loinc: '8310-5', display: 'Body temperature', unit: 'Cel', low: 34, high: 41 },
];

export interface CriticalCandidate {
  loinc: string | null;
  value: string | null;
  unit: string | null;
  flags: readonly string[];
}

/** Why a result is critical ('flagged HH', 'above critical high 6.5 mmol/L'), or null when it is not. */
export function criticalReasonOf(result: CriticalCandidate, ranges: readonly CriticalRange[]): string | null {
  if (result.flags.includes('critical-high')) return 'flagged HH';
  if (result.flags.includes('critical-low')) return 'flagged LL';
  if (!result.loinc || result.value === null || result.unit === null) return null;
  const value = Number(result.value.trim());
  if (result.value.trim() === '' || !Number.isFinite(value)) return null;
  for (const range of ranges) {
    if (range.loinc !== result.loinc || range.unit !== result.unit) continue;
    if (range.high !== null && value > range.high) return `above critical high ${range.high} ${range.unit}`;
    if (range.low !== null && value < range.low) return `below critical low ${range.low} ${range.unit}`;
  }
  return null;
}

export const CriticalAlertSchema = z.object({
  id: UuidSchema,
  patient: z.object({ id: UuidSchema, mrn: z.string(), givenName: z.string(), familyName: z.string() }),
  encounterId: UuidSchema.nullable(),
  observationId: UuidSchema.nullable(),
  deviceReadingId: UuidSchema.nullable(),
  code: z.string(),
  display: z.string().nullable(),
  value: z.string(),
  unit: z.string().nullable(),
  flags: z.array(z.string()),
  reason: z.string(),
  /** The physician who must acknowledge it; null: any physician. */
  responsibleUserId: UuidSchema.nullable(),
  observedAt: InstantSchema,
  raisedAt: InstantSchema,
  acknowledgedBy: UuidSchema.nullable(),
  acknowledgedAt: InstantSchema.nullable(),
  acknowledgementNote: z.string().nullable(),
});
export type CriticalAlert = z.infer<typeof CriticalAlertSchema>;
