import type { z } from 'zod';
import type { Permission } from '../domain/permissions';

/**
 * `public` methods may be called without a session (first-run status, login).
 * Everything else names the permission main checks before the handler runs.
 */
export type MethodAccess = Permission | 'public';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: MethodAccess;
  /** One line for the audit viewer and the API docs. */
  readonly summary: string;
  /** Where the patient this call concerns is found in the input, so the audit event names them. */
  readonly patientIdOf?: (input: z.output<I>) => string | undefined;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

export type ContractShape = Record<string, MethodDef>;
