import { compactDate } from '../../common/domain/patient-search-query';
import { foldText, nameWords, phoneDigits } from '../../common/domain/patient-names';

/**
 * What the patient search index holds for one patient, in the words the query parser produces
 * (common/domain/patient-search-query.ts): folded name words, the MRN as one token and as its
 * digits, the date of birth as YYYYMMDD, and the phone's digits (whole and its last 10 to 7
 * digits, so "555 0134" finds "+1 555 555 0134"). Inactive records carry the flag `inactive`.
 */
export interface PatientSearchDocument {
  names: string;
  mrn: string;
  dob: string;
  phone: string;
  flags: string;
  /** Distinct name words, for the vocabulary the typo-tolerant search looks near. */
  words: string[];
}

export interface PatientSearchSource {
  mrn: string;
  given_name: string;
  middle_name: string | null;
  family_name: string;
  date_of_birth: string;
  phone: string | null;
  active: number;
}

export function mrnToken(mrn: string): string {
  const folded = foldText(mrn);
  return /^[a-z0-9]*$/.test(folded) ? folded : folded.replace(/[^\p{L}\p{N}]/gu, '');
}

export function patientSearchDocument(p: PatientSearchSource): PatientSearchDocument {
  const words = [...new Set([...nameWords(p.given_name), ...nameWords(p.middle_name ?? ''), ...nameWords(p.family_name)])];
  const mrn = mrnToken(p.mrn);
  const mrnDigits = p.mrn.replace(/\D/g, '');
  const digits = phoneDigits(p.phone ?? '');
  const phone = digits ? [...new Set([digits, ...[10, 9, 8, 7].map((n) => digits.slice(-n))])].join(' ') : '';
  return {
    names: words.join(' '),
    mrn: mrnDigits && mrnDigits !== mrn ? `${mrn} ${mrnDigits}` : mrn,
    dob: compactDate(p.date_of_birth),
    phone,
    flags: p.active === 1 ? '' : 'inactive',
    words,
  };
}

/** Raw SQL shared by the repository, the migration backfill and the benchmark's bulk load. */
export const SEARCH_INDEX_SQL = {
  ensureKey: 'INSERT INTO patient_search_keys (patient_id) VALUES (?) ON CONFLICT (patient_id) DO NOTHING',
  keyOf: 'SELECT doc FROM patient_search_keys WHERE patient_id = ?',
  removeDocument: 'DELETE FROM patient_search WHERE rowid = ?',
  insertDocument: 'INSERT INTO patient_search (rowid, names, mrn, dob, phone, flags) VALUES (?, ?, ?, ?, ?, ?)',
  addWord: 'INSERT OR IGNORE INTO patient_name_words (word) VALUES (?)',
} as const;
