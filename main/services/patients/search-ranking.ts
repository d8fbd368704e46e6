import { foldText, nameWords, phoneDigits, withinOneEdit } from '../../../common/domain/patient-names';
import { compactDate, type ParsedPatientQuery, type PatientQueryTerm } from '../../../common/domain/patient-search-query';
import type { PatientSummary } from '../../../common/domain/patients';
import type { PatientSearchRow } from '../../../db/repositories/patient-search-repository';
import { mrnToken } from '../../../db/search/patient-search-document';

/**
 * How close a found patient is to what was typed. The scale puts an exact MRN first (1000), then
 * an exact date of birth (300) with exact name words (100 each), then name prefixes (40-80 each,
 * more the more of the word was typed), then one-typo matches (30). Ties: family, given name.
 */
export const SCORES = { exactId: 1000, dateOfBirth: 300, phone: 250, exactName: 100, typoName: 30, idPrefix: 60, phonePrefix: 50 } as const;

/** What ranking compares of one row, each part computed only if a term needs it. */
class Candidate {
  private cachedWords: string[] | null = null;
  constructor(readonly row: PatientSearchRow) {}
  get words(): string[] {
    const r = this.row;
    return (this.cachedWords ??= nameWords(r.middle_name ? `${r.given_name} ${r.middle_name} ${r.family_name}` : `${r.given_name} ${r.family_name}`));
  }
  get mrn(): string {
    return mrnToken(this.row.mrn);
  }
  get mrnDigits(): string {
    return this.row.mrn.replace(/\D/g, '');
  }
  get phone(): string {
    return this.row.phone ? phoneDigits(this.row.phone) : '';
  }
  get dob(): string {
    return this.row.date_of_birth.replace(/-/g, '');
  }
}

function nameScore(word: string, words: readonly string[]): number {
  let best = 0;
  for (const w of words) {
    if (w === word) return SCORES.exactName;
    if (w.startsWith(word)) best = Math.max(best, 40 + Math.round((40 * word.length) / w.length));
    else if (word.length >= 3 && withinOneEdit(w, word)) best = Math.max(best, SCORES.typoName);
  }
  return best;
}

function termScore(term: PatientQueryTerm, c: Candidate): number {
  switch (term.kind) {
    case 'name':
      return nameScore(term.word, c.words);
    case 'date':
      return term.dates.some((d) => compactDate(d) === c.dob) ? SCORES.dateOfBirth : 0;
    case 'code':
      return c.mrn === term.code ? SCORES.exactId : c.mrn.startsWith(term.code) ? SCORES.idPrefix : 0;
    case 'number': {
      const d = term.digits;
      if (c.mrnDigits === d) return SCORES.exactId;
      if (term.dates.some((date) => compactDate(date) === c.dob)) return SCORES.dateOfBirth;
      if (d.length >= 7 && c.phone.endsWith(d)) return SCORES.phone;
      if (c.mrnDigits.startsWith(d)) return SCORES.idPrefix;
      return c.phone.includes(d) ? SCORES.phonePrefix : 0;
    }
  }
}

export function closeness(query: ParsedPatientQuery, row: PatientSearchRow): number {
  const c = new Candidate(row);
  let score = 0;
  for (const term of query.terms) score += termScore(term, c);
  return score + (row.active === 1 ? 1 : 0);
}

/** The closest first; equally close ones by family name, given name, date of birth, MRN (folded). */
export function rankPatients(query: ParsedPatientQuery, rows: readonly PatientSearchRow[]): PatientSummary[] {
  const scored = rows.map((row) => {
    const score = closeness(query, row);
    return { row, score, key: `${foldText(row.family_name)}\u0000${foldText(row.given_name)}\u0000${row.date_of_birth}\u0000${row.mrn}` };
  });
  scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return scored.map(({ row, score }) => ({
    id: row.id,
    mrn: row.mrn,
    givenName: row.given_name,
    familyName: row.family_name,
    middleName: row.middle_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    phone: row.phone,
    active: row.active === 1,
    score,
  }));
}
