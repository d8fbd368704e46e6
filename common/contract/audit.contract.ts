import { z } from 'zod';
import { method } from '../rpc/method';
import { AuditEventSchema, AuditOutcomeSchema } from '../domain/audit';
import { UuidSchema } from '../domain/ids';

export const auditContract = {
  'audit.list': method({
    summary: 'Read the audit log, newest first',
    access: 'audit.read',
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).default(100),
      beforeSeq: z.number().int().positive().optional(),
      userId: UuidSchema.optional(),
      action: z.string().max(100).optional(),
      outcome: AuditOutcomeSchema.optional(),
    }),
    output: z.array(AuditEventSchema),
  }),
} as const;
