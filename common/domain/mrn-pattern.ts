/**
 * The clinic's medical record number format, e.g. `MRN{seq:6}` -> MRN000123 or `{yyyy}-{seq:5}`
 * -> 2026-00042. Literal text is upper-case letters, digits and - / . ; `{seq:N}` (exactly once,
 * N = 3..12) is the zero-padded sequence number; `{yyyy}` and `{yy}` are the registration year.
 */
export const DEFAULT_MRN_PATTERN = 'MRN{seq:6}';
export const MRN_PATTERN_MAX_LENGTH = 40;
const MAX_MRN_LENGTH = 30;

export type MrnPart = { kind: 'text'; text: string } | { kind: 'seq'; width: number } | { kind: 'year'; digits: 2 | 4 };

export type MrnPatternParse = { ok: true; parts: MrnPart[] } | { ok: false; message: string };

const TOKEN = /\{([^{}]*)\}|([^{}]+)|([{}])/g;

export function parseMrnPattern(pattern: string): MrnPatternParse {
  if (pattern.length === 0) return { ok: false, message: 'MRN pattern is required' };
  if (pattern.length > MRN_PATTERN_MAX_LENGTH) return { ok: false, message: `MRN pattern must be at most ${MRN_PATTERN_MAX_LENGTH} characters` };
  const parts: MrnPart[] = [];
  for (const m of pattern.matchAll(TOKEN)) {
    const [, placeholder, text, stray] = m;
    if (stray !== undefined) return { ok: false, message: 'MRN pattern has an unmatched { or }' };
    if (text !== undefined) {
      if (!/^[A-Z0-9./-]+$/.test(text)) {
        return { ok: false, message: 'MRN pattern text may contain only upper-case letters, digits and - / .' };
      }
      parts.push({ kind: 'text', text });
      continue;
    }
    const seq = /^seq:(\d{1,2})$/.exec(placeholder ?? '');
    if (seq) {
      const width = Number(seq[1]);
      if (width < 3 || width > 12) return { ok: false, message: 'The sequence in an MRN pattern must have 3 to 12 digits ({seq:6})' };
      parts.push({ kind: 'seq', width });
    } else if (placeholder === 'yyyy' || placeholder === 'yy') {
      parts.push({ kind: 'year', digits: placeholder === 'yyyy' ? 4 : 2 });
    } else {
      return { ok: false, message: `Unknown placeholder {${placeholder ?? ''}}; use {seq:N}, {yyyy} or {yy}` };
    }
  }
  const seqCount = parts.filter((p) => p.kind === 'seq').length;
  if (seqCount !== 1) return { ok: false, message: 'An MRN pattern needs exactly one sequence placeholder, such as {seq:6}' };
  if (renderedLength(parts) > MAX_MRN_LENGTH) return { ok: false, message: `MRNs from this pattern would be longer than ${MAX_MRN_LENGTH} characters` };
  return { ok: true, parts };
}

export function mrnPatternProblem(pattern: string): string | null {
  const parsed = parseMrnPattern(pattern);
  return parsed.ok ? null : parsed.message;
}

function renderedLength(parts: readonly MrnPart[]): number {
  return parts.reduce((n, p) => n + (p.kind === 'text' ? p.text.length : p.kind === 'seq' ? p.width : p.digits), 0);
}

/**
 * The fixed text around the sequence for a given year: every MRN the pattern makes that year is
 * `prefix + zero-padded number + suffix`, so the highest one sorts last.
 */
export interface MrnFrame {
  prefix: string;
  width: number;
  suffix: string;
}

export function mrnFrame(parts: readonly MrnPart[], year: number): MrnFrame {
  let prefix = '';
  let suffix = '';
  let width = 0;
  for (const part of parts) {
    const text = part.kind === 'text' ? part.text : part.kind === 'year' ? String(year).padStart(4, '0').slice(-part.digits) : '';
    if (part.kind === 'seq') width = part.width;
    else if (width === 0) prefix += text;
    else suffix += text;
  }
  return { prefix, width, suffix };
}

/** The MRN with sequence number `seq`, or null when the number no longer fits the width. */
export function formatMrn(frame: MrnFrame, seq: number): string | null {
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  const digits = String(seq);
  if (digits.length > frame.width) return null;
  return `${frame.prefix}${digits.padStart(frame.width, '0')}${frame.suffix}`;
}

/** The sequence number of an MRN made by this frame, or null if the MRN is not one of its shape. */
export function sequenceOf(frame: MrnFrame, mrn: string): number | null {
  if (mrn.length !== frame.prefix.length + frame.width + frame.suffix.length) return null;
  if (!mrn.startsWith(frame.prefix) || !mrn.endsWith(frame.suffix)) return null;
  const digits = mrn.slice(frame.prefix.length, frame.prefix.length + frame.width);
  return /^\d+$/.test(digits) ? Number(digits) : null;
}
