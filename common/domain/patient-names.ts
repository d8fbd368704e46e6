/**
 * How names compare at the front desk: accents, case, spacing and punctuation do not matter
 * ("García-López" = "garcia lopez"), and one slip of the finger per name is forgiven.
 * Pure functions, shared by search (main), duplicate checks (main) and the renderer.
 */

// Letters that carry no combining mark in NFD and so survive accent stripping; the usual
// keyboard spellings of them.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_LETTER = /[ßæœøłđðþı]/g;
// Apostrophes join a name ("O’Brien" is searched as "obrien"); every other non-letter separates.
const APOSTROPHES = /['’ʼ`´]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const ASCII = /^[\x20-\x7e]*$/;

/** Lower case without accents: NFD, combining marks removed, special letters spelled out. */
export function foldText(text: string): string {
  // Most names are plain ASCII: lower-casing is all they need, and search ranks hundreds per call.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(SPECIAL_LETTER, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFC');
}

/** The words of a name, folded: "Anne-Marie  O’Brien" -> ["anne", "marie", "obrien"]. */
export function nameWords(text: string): string[] {
  const folded = foldText(text).replace(APOSTROPHES, '');
  // ASCII (most names) splits on a plain character class; the Unicode one is several times slower.
  const words = ASCII.test(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(SEPARATORS);
  return words.filter((w) => w.length > 0);
}

/** One name as one comparable string: "de la Cruz" and "Delacruz" both give "delacruz". */
export function compactName(text: string): string {
  return nameWords(text).join('');
}

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein where a transposed pair counts as one
 * edit and is not edited again): insertions, deletions, substitutions, adjacent swaps. Counts
 * UTF-16 units, which for folded names are letters.
 */
export function damerauLevenshtein(s: string, t: string): number {
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** a.slice(i) === b.slice(j), without making the slices. */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i += 1, j += 1) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** `damerauLevenshtein(a, b) <= 1` without the table or allocations: the hot path of ranking. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (la === lb) {
    if (sameFrom(a, i + 1, b, i + 1)) return true; // one substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2); // one swap
  }
  return la > lb ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1); // one insertion or deletion
}

export interface PersonName {
  givenName: string;
  familyName: string;
}

/** Why two names are taken for the same person's; null when they are not. */
export type NameMatch = 'same' | 'typo' | 'swapped';

function givenNamesMatch(a: string, b: string): boolean {
  if (withinOneEdit(compactName(a), compactName(b))) return true;
  // "Maria" and "Maria José": one clerk typed one given name, another typed both.
  const first = (s: string) => nameWords(s)[0] ?? '';
  const fa = first(a);
  return fa.length >= 2 && fa === first(b);
}

function familyNamesMatch(a: string, b: string): boolean {
  return withinOneEdit(compactName(a), compactName(b));
}

/**
 * Likely the same person's name: equal after folding, at most one edit in each of the given and
 * family names, or the given and family names swapped (each again up to one edit).
 */
export function compareNames(a: PersonName, b: PersonName): NameMatch | null {
  const [ga, fa, gb, fb] = [a.givenName, a.familyName, b.givenName, b.familyName].map(compactName) as [string, string, string, string];
  if (!ga || !fa || !gb || !fb) return null;
  if (ga === gb && fa === fb) return 'same';
  if (givenNamesMatch(a.givenName, b.givenName) && familyNamesMatch(a.familyName, b.familyName)) return 'typo';
  if (givenNamesMatch(a.givenName, b.familyName) && familyNamesMatch(a.familyName, b.givenName)) return 'swapped';
  return null;
}

/** The digits of a phone number as typed: "+1 (555) 555-0134" -> "15555550134". */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D+/g, '');
}

/**
 * The same phone line: equal digits, or one number is the other with a country or trunk prefix
 * ("+1 555 555 0134" and "555 555 0134"); at least seven digits must agree.
 */
export function samePhone(a: string, b: string): boolean {
  const da = phoneDigits(a);
  const db = phoneDigits(b);
  if (da.length < 7 || db.length < 7) return false;
  if (da === db) return true;
  const [longer, shorter] = da.length > db.length ? [da, db] : [db, da];
  return shorter.length >= 9 && longer.endsWith(shorter);
}
