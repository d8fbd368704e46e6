import { z } from 'zod';
import { method } from '../rpc/method';
import { InstantSchema } from '../domain/ids';

export const systemContract = {
  'system.info': method({
    summary: 'Application version and run mode',
    access: 'public',
    input: z.strictObject({}),
    output: z.object({
      appName: z.string(),
      version: z.string(),
      runMode: z.enum(['electron', 'headless', 'test']),
    }),
  }),
  'system.ping': method({
    summary: 'Round trip check for a signed-in client',
    access: 'session.self',
    input: z.strictObject({ echo: z.string().max(256).optional() }),
    output: z.object({ echo: z.string().nullable(), at: InstantSchema }),
  }),
} as const;
