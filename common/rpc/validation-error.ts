import type { z } from 'zod';
import type { ApiError } from './errors';

/** Turns the first zod issue into one clear, specific message with the field it concerns. */
export function validationErrorFrom(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  if (!issue) return { code: 'VALIDATION', message: 'The request is not valid' };
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = path ? `${path}.${key}` : key;
    return { code: 'VALIDATION', message: `Unknown field: ${truncate(field)}`, field: truncate(field) };
  }
  const message = path ? issue.message : issue.message || 'The request is not valid';
  return path ? { code: 'VALIDATION', message, field: path } : { code: 'VALIDATION', message };
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
