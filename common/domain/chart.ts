import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { VITAL_SIGNS, type ObservationCode } from './observation-codes';

/** What a timeline entry is about; the timeline filter is a subset of these. */
export const TIMELINE_KINDS = ['encounter', 'vitals', 'order', 'result', 'plan', 'note', 'problem', 'allergy'] as const;
export const TimelineKindSchema = z.enum(TIMELINE_KINDS, { error: `Kind must be one of ${TIMELINE_KINDS.join(', ')}` });
export type TimelineKind = z.infer<typeof TimelineKindSchema>;
export const TIMELINE_KIND_LABELS: Readonly<Record<TimelineKind, string>> = {
  encounter: 'Encounters',
  vitals: 'Vitals',
  order: 'Orders',
  result: 'Results',
  plan: 'Care plans',
  note: 'Notes',
  problem: 'Problems',
  allergy: 'Allergies',
};

/**
 * Where the next page starts: the last entry's time and key. Entries are ordered newest first by
 * (time, key); the key is `<kind>:<row id or group>`, unique across kinds, so equal times never
 * skip or repeat an entry between pages.
 */
export const TimelineCursorSchema = z.strictObject({
  time: InstantSchema,
  key: z.string().min(1).max(200),
});
export type TimelineCursor = z.infer<typeof TimelineCursorSchema>;

export const TimelineEntrySchema = z.object({
  key: z.string(),
  kind: TimelineKindSchema,
  time: InstantSchema,
  title: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  links: z.object({
    encounterId: UuidSchema.nullable(),
    orderId: UuidSchema.nullable(),
    carePlanId: UuidSchema.nullable(),
    noteId: UuidSchema.nullable(),
    problemId: UuidSchema.nullable(),
    allergyId: UuidSchema.nullable(),
  }),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TimelinePageSchema = z.object({
  entries: z.array(TimelineEntrySchema),
  /** Null when there is nothing older. */
  nextCursor: TimelineCursorSchema.nullable(),
});
export type TimelinePage = z.infer<typeof TimelinePageSchema>;

/** Ordering of the timeline: newest first, then key descending. Negative when a comes first. */
export function compareTimeline(a: { time: string; key: string }, b: { time: string; key: string }): number {
  if (a.time !== b.time) return a.time > b.time ? -1 : 1;
  return a.key === b.key ? 0 : a.key > b.key ? -1 : 1;
}

/** The measures the flowsheet shows by default: the vital signs with a unit (not the panels). */
export const DEFAULT_FLOWSHEET_CODES: readonly string[] = Object.values(VITAL_SIGNS as Record<string, ObservationCode>)
  .filter((c) => c.ucum !== null)
  .map((c) => c.loinc);

const VITAL_BY_LOINC: ReadonlyMap<string, ObservationCode> = new Map(
  Object.values(VITAL_SIGNS as Record<string, ObservationCode>).map((c) => [c.loinc, c]),
);
export function vitalSignOf(loinc: string): ObservationCode | undefined {
  return VITAL_BY_LOINC.get(loinc);
}

/** Most points a measure's series carries over any range; more are downsampled in main. */
export const FLOWSHEET_MAX_POINTS = 500;

export const FlowsheetPointSchema = z.object({
  observationId: UuidSchema,
  time: InstantSchema,
  /** As measured, at its precision ("37.0"). */
  value: z.string().nullable(),
  numeric: z.number().nullable(),
  unit: z.string().nullable(),
  source: z.enum(['manual', 'device', 'import']),
  flags: z.array(z.string()),
});
export type FlowsheetPoint = z.infer<typeof FlowsheetPointSchema>;

export const FlowsheetSeriesSchema = z.object({
  code: z.string(),
  display: z.string(),
  /** The chart's unit for the measure (UCUM); points may carry an alternative unit as entered. */
  unit: z.string().nullable(),
  /** The values that can be real for this measure (display band); null for unknown codes. */
  plausible: z.object({ min: z.number(), max: z.number() }).nullable(),
  /** The reference range text of the newest point that has one (analyzers send it). */
  referenceRange: z.string().nullable(),
  /** How many observations lie in the range; more than points.length when downsampled. */
  total: z.number().int(),
  downsampled: z.boolean(),
  /** Oldest first. */
  points: z.array(FlowsheetPointSchema),
});
export type FlowsheetSeries = z.infer<typeof FlowsheetSeriesSchema>;

export const ChartSummarySchema = z.object({
  patientId: UuidSchema,
  activeProblems: z.array(z.object({ id: UuidSchema, condition: z.string(), onsetDate: z.string().nullable() })),
  activeAllergies: z.array(z.object({ id: UuidSchema, allergen: z.string(), reaction: z.string().nullable(), severity: z.string() })),
  currentMedications: z.array(z.object({
    id: UuidSchema,
    drug: z.string(),
    dose: z.string().nullable(),
    /** 'statement': taken (medication list); 'order': an active prescription. */
    source: z.enum(['statement', 'order']),
  })),
  latestVitals: z.array(z.object({
    code: z.string(),
    display: z.string(),
    value: z.string().nullable(),
    unit: z.string().nullable(),
    time: InstantSchema,
    flags: z.array(z.string()),
  })),
  openOrders: z.number().int(),
  openActivities: z.number().int(),
  overdueActivities: z.number().int(),
  lastEncounter: z.object({ id: UuidSchema, status: z.string(), time: InstantSchema, chiefComplaint: z.string().nullable() }).nullable(),
});
export type ChartSummary = z.infer<typeof ChartSummarySchema>;

/**
 * Equal time buckets covering [fromMs, toMs] (inclusive bounds as ISO times, each ending 1 ms
 * before the next begins), as many as let each keep its lowest, highest and last value within
 * `maxPoints`.
 */
export function downsampleBuckets(fromMs: number, toMs: number, maxPoints: number = FLOWSHEET_MAX_POINTS): { from: string; to: string }[] {
  const count = Math.max(1, Math.min(Math.floor(maxPoints / 3), toMs - fromMs + 1));
  const width = (toMs - fromMs + 1) / count;
  const buckets: { from: string; to: string }[] = [];
  for (let i = 0; i < count; i++) {
    const lo = fromMs + Math.ceil(i * width);
    const hi = i === count - 1 ? toMs : fromMs + Math.ceil((i + 1) * width) - 1;
    if (hi >= lo) buckets.push({ from: new Date(lo).toISOString(), to: new Date(hi).toISOString() });
  }
  return buckets;
}
