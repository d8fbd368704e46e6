import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import { CRITICAL_NOTE_MAX, CriticalAlertSchema, CriticalRangeListSchema } from '../domain/critical-results';
import { optionalSingleLineText } from '../domain/text';

/** Critical results: the open alerts, their acknowledgement by the responsible physician, and the clinic's critical ranges. */
export const criticalResultsContract = {
  'criticalResults.open': method({
    summary: 'Unacknowledged critical results, for me (mine and unassigned) or for everyone',
    access: 'clinical.read',
    input: z.strictObject({ scope: z.enum(['mine', 'all']).default('mine') }),
    output: z.array(CriticalAlertSchema),
  }),
  'criticalResults.acknowledge': method({
    summary: 'Acknowledge a critical result (the responsible physician, or any physician when unassigned)',
    access: 'clinical.sign',
    input: z.strictObject({ alertId: UuidSchema, note: optionalSingleLineText('Note', CRITICAL_NOTE_MAX).optional() }),
    output: CriticalAlertSchema,
  }),
  'criticalResults.ranges': method({
    summary: 'The critical ranges results are checked against',
    access: 'clinical.read',
    input: z.strictObject({}),
    output: CriticalRangeListSchema,
  }),
  'criticalResults.setRanges': method({
    summary: 'Replace the critical ranges results are checked against',
    access: 'clinic.manage',
    input: z.strictObject({ ranges: CriticalRangeListSchema }),
    output: CriticalRangeListSchema,
  }),
} as const;
