import { compactDate, type ParsedPatientQuery, type PatientQueryTerm } from '../../common/domain/patient-search-query';

/**
 * FTS5 MATCH expressions for a parsed query. Every term must match (AND), each in its own
 * columns, in any order. Terms are folded [letters digits] only, and quoted anyway, so user text
 * can never be FTS syntax.
 *
 *   exact   name words as whole words: "garcia" finds García, not Garcíaz
 *   prefix  name words as prefixes:   "garc" finds García (results as you type)
 *   fuzzy   a name word may also be any of `alternatives[word]` (words one typo away)
 */
export type MatchMode = 'exact' | 'prefix';

const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;

function termExpression(term: PatientQueryTerm, mode: MatchMode, alternatives: ReadonlyMap<string, readonly string[]>): string {
  switch (term.kind) {
    case 'name': {
      const words = [term.word, ...(alternatives.get(term.word) ?? [])];
      const star = mode === 'prefix' ? '*' : '';
      // The typed word as a prefix; its typo neighbours only as whole words.
      const parts = words.map((w, i) => `${quote(w)}${i === 0 ? star : ''}`);
      return `{names}: ${parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`}`;
    }
    case 'date':
      return `{dob}: (${term.dates.map((d) => quote(compactDate(d))).join(' OR ')})`;
    case 'number': {
      const asId = `{mrn phone}: ${quote(term.digits)}*`;
      return term.dates.length === 0 ? asId : `(${asId} OR {dob}: (${term.dates.map((d) => quote(compactDate(d))).join(' OR ')}))`;
    }
    case 'code':
      return `{mrn}: ${quote(term.code)}*`;
  }
}

export function hasNameTerms(query: ParsedPatientQuery): boolean {
  return query.terms.some((t) => t.kind === 'name');
}

/** Null when there is nothing to search for. */
export function matchExpression(
  query: ParsedPatientQuery,
  options: { mode: MatchMode; includeInactive: boolean; alternatives?: ReadonlyMap<string, readonly string[]> },
): string | null {
  if (query.terms.length === 0) return null;
  const alternatives = options.alternatives ?? new Map<string, readonly string[]>();
  const all = query.terms.map((t) => `(${termExpression(t, options.mode, alternatives)})`).join(' AND ');
  return options.includeInactive ? all : `(${all}) NOT {flags}: inactive`;
}

/** The search statement: FTS match first, then the patient rows by key. */
export const SEARCH_SQL = `
  SELECT p.id, p.mrn, p.given_name, p.middle_name, p.family_name, p.date_of_birth, p.sex, p.phone, p.active
  FROM patient_search s
  JOIN patient_search_keys k ON k.doc = s.rowid
  JOIN patients p ON p.id = k.patient_id
  WHERE patient_search MATCH ? AND p.deleted = 0
  LIMIT ?`;

/** Name words starting with one letter, of a length within one of the typed word's. */
export const NEAR_WORDS_SQL = `
  SELECT word FROM patient_name_words
  WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ?`;
