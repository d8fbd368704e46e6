import { z } from 'zod';
import { isCalendarDate } from './patients';

// As in text.ts: control characters (tab and line breaks excepted here) and bidi overrides break
// display and can disguise a value.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Optional free text that may run over several lines (clinical notes); "" when left empty. */
export function optionalMultiLineText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((s) => !UNSAFE_CHARS.test(s), { error: `${label} contains characters that are not allowed` });
}

/** An optional calendar date YYYY-MM-DD from a form; "" when not known. */
export function optionalDate(label: string) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(10, { error: `${label} must be a date like 2026-03-02` })
    .refine((s) => s === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s) && isCalendarDate(s)), { error: `${label} must be a date like 2026-03-02` });
}

/** "" → null, for optional form text stored as NULL. */
export function blankToNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}
