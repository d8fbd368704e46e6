import { Hl7ParseError } from './hl7-parse-error';

/** The separators a message declares in MSH-1 and MSH-2. */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repeat: string;
  escape: string;
  subcomponent: string;
}

export const DEFAULT_HL7_DELIMITERS: Hl7Delimiters = { field: '|', component: '^', repeat: '~', escape: '\\', subcomponent: '&' };

/**
 * Reads MSH-1 (the character after "MSH") and MSH-2 (up to the next field separator).
 * MSH-2 may be shorter than four characters; a missing separator is simply never used.
 * MSH-2 may have a fifth character (v2.7 truncation), which we ignore.
 */
export function readHl7Delimiters(mshLine: string): Hl7Delimiters {
  // A device declares the same separators in every message: the last answer is remembered (and
  // handed out as a copy). The answer depends only on MSH-1 and MSH-2.
  const field = mshLine.charAt(3);
  const end = field === '' ? -1 : mshLine.indexOf(field, 4);
  const key = end < 0 ? mshLine.slice(3) : mshLine.slice(3, end);
  if (last === null || key !== last.key) last = { key, delimiters: readDelimiters(mshLine) };
  return { ...last.delimiters };
}

let last: { key: string; delimiters: Hl7Delimiters } | null = null;

function readDelimiters(mshLine: string): Hl7Delimiters {
  const field = mshLine.charAt(3);
  if (!isSeparator(field)) throw new Hl7ParseError('bad-delimiters', `MSH-1 field separator ${JSON.stringify(field)} is not usable`);
  const end = mshLine.indexOf(field, 4);
  const encodingChars = end < 0 ? mshLine.slice(4) : mshLine.slice(4, end);
  if (encodingChars.length < 1 || encodingChars.length > 5) {
    throw new Hl7ParseError('bad-delimiters', `MSH-2 encoding characters ${JSON.stringify(encodingChars)} must be 1 to 5 characters`);
  }
  const chars = [...encodingChars];
  const all = [field, ...chars];
  if (new Set(all).size !== all.length || !chars.every(isSeparator)) {
    throw new Hl7ParseError('bad-delimiters', `MSH-1/MSH-2 separators ${JSON.stringify(field + encodingChars)} must be distinct punctuation`);
  }
  // An absent separator is represented by a character that cannot occur in segment text.
  return {
    field,
    component: chars[0]!,
    repeat: chars[1] ?? '\r',
    escape: chars[2] ?? '\r',
    subcomponent: chars[3] ?? '\r',
  };
}

function isSeparator(ch: string): boolean {
  return ch.length === 1 && /[!-/:-@[-`{-~]/.test(ch);
}
