import { z } from 'zod';
import { InstantSchema } from './ids';

/** How a call ended; denied and invalid calls are audited as well as successful ones. */
export const AUDIT_OUTCOMES = ['ok', 'invalid', 'denied', 'unauthenticated', 'error'] as const;
export const AuditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>;

export const AuditEventSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: InstantSchema,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  patientId: z.string().nullable(),
  outcome: AuditOutcomeSchema,
  errorCode: z.string().nullable(),
  transport: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** What the dispatcher hands to the audit sink; the sink adds id, time and sequence. */
export interface AuditRecord {
  userId: string | null;
  username: string | null;
  action: string;
  patientId: string | null;
  outcome: AuditOutcome;
  errorCode: string | null;
  transport: string;
}
