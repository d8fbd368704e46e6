import { withinOneEdit } from '../../../common/domain/patient-names';
import { parsePatientQuery, type ParsedPatientQuery } from '../../../common/domain/patient-search-query';
import type { PatientSummary } from '../../../common/domain/patients';
import type { PatientSearchReader, PatientSearchRepository, PatientSearchRow } from '../../../db/repositories/patient-search-repository';
import { hasNameTerms, matchExpression } from '../../../db/search/patient-search-match';
import { rankPatients } from './search-ranking';

export interface PatientSearchInput {
  query: string;
  limit: number;
  includeInactive: boolean;
}

/** Typo neighbours per name word: at most this many, so the FTS query stays small. */
const MAX_NEIGHBOURS = 12;

/**
 * How many rows each FTS step may return before ranking. The FTS query stops at this many (no
 * ORDER BY), which is what keeps a one-letter query fast at a million patients; ranking then
 * orders them. Exact word matches are fetched before prefix matches so they are never crowded out.
 */
export function candidateCap(limit: number): number {
  return Math.max(limit * 3, 60);
}

/** Indexed name words one typo away from each typed word of 4+ letters. */
function typoNeighbours(query: ParsedPatientQuery, reader: PatientSearchReader): Map<string, string[]> {
  const neighbours = new Map<string, string[]>();
  for (const term of query.terms) {
    if (term.kind !== 'name' || term.word.length < 4) continue;
    const word = term.word;
    // A typo rarely hits both of the first two letters; looking under each covers a wrong or
    // swapped first letter.
    const firsts = [...new Set([word[0]!, word[1]!])];
    const near = new Set<string>();
    for (const first of firsts) {
      for (const candidate of reader.wordsStartingWith(first, word.length - 1, word.length + 1)) {
        if (candidate !== word && withinOneEdit(candidate, word)) near.add(candidate);
        if (near.size >= MAX_NEIGHBOURS) break;
      }
    }
    if (near.size > 0) neighbours.set(word, [...near]);
  }
  return neighbours;
}

/** The FTS steps of one search and their rows, before ranking. Shared with the benchmark. */
export function collectCandidates(query: ParsedPatientQuery, input: PatientSearchInput, reader: PatientSearchReader): PatientSearchRow[] {
  const cap = candidateCap(input.limit);
  const found = new Map<string, PatientSearchRow>();
  const add = (expression: string | null) => {
    if (!expression) return;
    for (const row of reader.match(expression, cap)) if (!found.has(row.id)) found.set(row.id, row);
  };
  const { includeInactive } = input;
  const names = hasNameTerms(query);
  if (names) add(matchExpression(query, { mode: 'exact', includeInactive }));
  if (found.size < cap) add(matchExpression(query, { mode: 'prefix', includeInactive }));
  if (names && found.size < input.limit) {
    const alternatives = typoNeighbours(query, reader);
    if (alternatives.size > 0) add(matchExpression(query, { mode: 'prefix', includeInactive, alternatives }));
  }
  return [...found.values()];
}

export function createPatientSearch(repository: PatientSearchRepository) {
  return async function searchPatients(input: PatientSearchInput): Promise<PatientSummary[]> {
    const query = parsePatientQuery(input.query);
    if (query.terms.length === 0) return [];
    const rows = await repository.read((reader) => collectCandidates(query, input, reader));
    return rankPatients(query, rows).slice(0, input.limit);
  };
}
