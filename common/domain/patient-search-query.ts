import { foldText, nameWords } from './patient-names';
import { isCalendarDate } from './patients';

/**
 * What a front-desk user typed into the one search box, understood: name words in any order,
 * dates of birth in the usual spellings, digit runs (MRN digits or phone), MRN-like codes.
 *
 *   "garcia maria", "maría garcía"  -> names
 *   "1984-03-07", "7.3.1984"        -> one date
 *   "07/03/1984"                    -> two dates (day/month or month/day; both are searched)
 *   "19840307"                      -> a digit run that may also be a date
 *   "555 0134"                      -> one digit run "5550134" (phone numbers are typed in groups)
 *   "MRN000123", "mrn-000123"       -> a code; "000123" -> a digit run
 */
export type PatientQueryTerm =
  | { kind: 'name'; word: string }
  | { kind: 'date'; dates: string[] }
  | { kind: 'number'; digits: string; dates: string[] }
  | { kind: 'code'; code: string };

export interface ParsedPatientQuery {
  terms: PatientQueryTerm[];
}

/** More terms than this add nothing but cost; the rest of the text is ignored. */
export const MAX_QUERY_TERMS = 8;

const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string[] }[] = [
  // 1984-03-07, 1984/3/7, 1984.03.07: year first is never ambiguous.
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/y, read: (m) => [iso(m[1]!, m[2]!, m[3]!)] },
  // 7.3.1984: dots are written day first.
  { re: /(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/y, read: (m) => [iso(m[3]!, m[2]!, m[1]!)] },
  // 07/03/1984 or 07-03-1984: day/month or month/day, so both.
  { re: /(?<!\d)(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?!\d)/y, read: (m) => [iso(m[3]!, m[2]!, m[1]!), iso(m[3]!, m[1]!, m[2]!)] },
];

function iso(year: string, month: string, day: string): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function realDates(candidates: string[]): string[] {
  return [...new Set(candidates.filter(isCalendarDate))];
}

/** An 8-digit run read as YYYYMMDD or DDMMYYYY, when it is a real date. */
function compactDates(digits: string): string[] {
  if (digits.length !== 8) return [];
  return realDates([iso(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)), iso(digits.slice(4, 8), digits.slice(2, 4), digits.slice(0, 2))]);
}

type Piece = { kind: 'date'; dates: string[] } | { kind: 'text'; text: string };

/** Splits out the dates first: their separators would otherwise cut them into digit runs. */
function splitDates(text: string): Piece[] {
  const pieces: Piece[] = [];
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    if (/\d/.test(text[i]!) && (i === 0 || !/\d/.test(text[i - 1]!))) {
      for (const { re, read } of DATE_PATTERNS) {
        re.lastIndex = i;
        const m = re.exec(text);
        if (m) {
          const dates = realDates(read(m));
          if (dates.length > 0) {
            if (plain) pieces.push({ kind: 'text', text: plain });
            plain = '';
            pieces.push({ kind: 'date', dates });
            i += m[0].length;
            continue outer;
          }
        }
      }
    }
    plain += text[i];
    i += 1;
  }
  if (plain) pieces.push({ kind: 'text', text: plain });
  return pieces;
}

export function parsePatientQuery(query: string): ParsedPatientQuery {
  const terms: PatientQueryTerm[] = [];
  let digitRun: string | null = null;
  const flushDigits = () => {
    if (digitRun !== null) terms.push({ kind: 'number', digits: digitRun, dates: compactDates(digitRun) });
    digitRun = null;
  };
  for (const piece of splitDates(query.slice(0, 200))) {
    if (piece.kind === 'date') {
      flushDigits();
      terms.push(piece);
      continue;
    }
    for (const raw of piece.text.split(/[\s,;]+/)) {
      const token = foldText(raw);
      if (!token) continue;
      if (/^[\d\s().+/-]+$/.test(token)) {
        // Phone groups ("555 0134", "(555) 555-0134") join into one run.
        const digits = token.replace(/\D/g, '');
        if (digits) digitRun = (digitRun ?? '') + digits;
        continue;
      }
      flushDigits();
      if (/\p{L}/u.test(token) && /\d/.test(token)) {
        const code = token.replace(/[^\p{L}\p{N}]/gu, '');
        if (code) terms.push({ kind: 'code', code });
        continue;
      }
      for (const word of nameWords(token)) terms.push({ kind: 'name', word });
    }
  }
  flushDigits();
  return { terms: dedupe(terms).slice(0, MAX_QUERY_TERMS) };
}

function dedupe(terms: PatientQueryTerm[]): PatientQueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The YYYYMMDD form dates of birth are indexed and compared in. */
export function compactDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}
