import { z } from 'zod';

// C0/C1 control characters (tab excepted) and bidi overrides have no business in names and
// free-text identifiers: they break display and can disguise a value in the audit log.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A short single-line human text (names, titles), trimmed, with a length limit. */
export function singleLineText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((s) => !UNSAFE_CHARS.test(s) && !/[\r\n]/.test(s), {
      error: `${label} contains characters that are not allowed`,
    });
}

/**
 * An optional single-line text from a form: trimmed, bounded, and "" when left empty (main stores
 * "" as no value). Kept a plain string schema so the contract stays introspectable.
 */
export function optionalSingleLineText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((s) => !UNSAFE_CHARS.test(s) && !/[\r\n]/.test(s), {
      error: `${label} contains characters that are not allowed`,
    });
}
