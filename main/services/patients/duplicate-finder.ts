import { compareNames, phoneDigits, samePhone } from '../../../common/domain/patient-names';
import type { DuplicateCandidate, DuplicateReason } from '../../../common/domain/patients';
import { toPatientSummary, type PatientRepository, type PatientRow } from '../../../db/repositories/patient-repository';

export interface DuplicateProbe {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  phone: string | null;
  nationalId: string | null;
  insuranceNumber: string | null;
  /** The record being edited. */
  excludeId?: string | undefined;
}

/**
 * Registered patients who are likely the person described: the same date of birth and a similar
 * name (accents, case, one typo per name, given and family swapped), the same phone, or the same
 * national id or insurance number. Records merged into another are left out (their survivor shows).
 */
export async function findDuplicates(repo: PatientRepository, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const found = new Map<string, { row: PatientRow; reasons: Set<DuplicateReason> }>();
  const note = (row: PatientRow | undefined, reason: DuplicateReason) => {
    if (!row || row.id === probe.excludeId || row.merged_into_id !== null) return;
    const entry = found.get(row.id) ?? { row, reasons: new Set<DuplicateReason>() };
    entry.reasons.add(reason);
    found.set(row.id, entry);
  };

  for (const row of await repo.listByDateOfBirth(probe.dateOfBirth)) {
    if (compareNames(probe, { givenName: row.given_name, familyName: row.family_name })) note(row, 'similar_name_same_birth_date');
  }
  const digits = phoneDigits(probe.phone ?? '');
  if (digits.length >= 7) {
    for (const row of await repo.listByPhoneDigits(digits.slice(-10))) {
      if (row.phone && samePhone(row.phone, probe.phone!)) note(row, 'same_phone');
    }
  }
  if (probe.nationalId) note(await repo.findIdentifierOwner('national_id', probe.nationalId), 'same_national_id');
  if (probe.insuranceNumber) note(await repo.findIdentifierOwner('insurance', probe.insuranceNumber), 'same_insurance_number');

  return [...found.values()]
    .sort((a, b) => b.reasons.size - a.reasons.size || a.row.family_name.localeCompare(b.row.family_name) || a.row.mrn.localeCompare(b.row.mrn))
    .map(({ row, reasons }) => ({ patient: toPatientSummary(row), reasons: [...reasons] }));
}
