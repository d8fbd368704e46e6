import { z } from 'zod';
import { method } from '../rpc/method';
import { InstantSchema, UuidSchema } from '../domain/ids';
import {
  ChartSummarySchema, FlowsheetSeriesSchema, TimelineCursorSchema, TimelineKindSchema, TimelinePageSchema, TIMELINE_KINDS,
} from '../domain/chart';

const LoincSchema = z.string().regex(/^[0-9]{1,7}-[0-9]$/, 'must be a LOINC code such as 8310-5');

const DateRange = {
  /** Inclusive; absent: from the beginning. */
  from: InstantSchema.optional(),
  /** Inclusive; absent: up to now and beyond. */
  to: InstantSchema.optional(),
};

const withOrderedRange = <T extends { from?: string; to?: string }>(input: T, ctx: z.RefinementCtx) => {
  if (input.from && input.to && input.from > input.to) ctx.addIssue({ code: 'custom', message: 'From must not be after to', path: ['from'] });
};

/**
 * The patient chart: a header summary, a timeline of everything that happened and a flowsheet of
 * measurements over time. Reads only, sized for a patient with years of history (bounded pages,
 * downsampled series, indexed queries).
 */
export const chartContract = {
  'chart.summary': method({
    summary: 'The chart header: active problems, allergies, medications, latest vitals, open work, last encounter',
    access: 'clinical.read',
    input: z.strictObject({ patientId: UuidSchema }),
    output: ChartSummarySchema,
    patientIdOf: (input) => input.patientId,
  }),
  'chart.timeline': method({
    summary: 'A patient’s timeline (encounters, vitals, orders, results, plans, notes, problems, allergies), newest first',
    access: 'clinical.read',
    input: z
      .strictObject({
        patientId: UuidSchema,
        kinds: z
          .array(TimelineKindSchema)
          .min(1, 'choose at least one kind')
          .max(TIMELINE_KINDS.length)
          .default([...TIMELINE_KINDS]),
        ...DateRange,
        /** The previous page's nextCursor. */
        after: TimelineCursorSchema.optional(),
        limit: z.number().int().min(1, 'limit must be 1–200').max(200, 'limit must be 1–200').default(50),
      })
      .superRefine(withOrderedRange),
    output: TimelinePageSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'chart.flowsheet': method({
    summary: 'Measurements over time per measure (default: the vital signs), downsampled to at most 500 points each',
    access: 'clinical.read',
    input: z
      .strictObject({
        patientId: UuidSchema,
        ...DateRange,
        /** LOINC codes; absent: the vital signs. */
        measures: z
          .array(LoincSchema)
          .min(1, 'choose at least one measure')
          .max(30, 'at most 30 measures')
          .refine((codes) => new Set(codes).size === codes.length, 'a measure is listed twice')
          .optional(),
      })
      .superRefine(withOrderedRange),
    output: z.object({ series: z.array(FlowsheetSeriesSchema) }),
    patientIdOf: (input) => input.patientId,
  }),
} as const;
