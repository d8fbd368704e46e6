import { z } from 'zod';

/** Stable error codes the renderer can rely on. Never rename one; add new ones. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_INACTIVE',
  'SETUP_ALREADY_DONE',
  'NOT_FOUND',
  'CONFLICT',
  'DB_KEY_INVALID',
  'TRANSPORT',
  'INTERNAL',
  'DEVICE_UNAVAILABLE',
  'READING_INVALID',
  'PATIENT_CONFLICT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside main; turned into an error value at the API boundary by the dispatcher. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string): { ok: false; error: ApiError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
