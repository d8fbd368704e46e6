import {
  tidyIdentifier,
  tidyPhone,
  type DemographicField,
  type PatientDemographics,
  type PatientRecord,
} from '../../../common/domain/patients';
import type { PatientColumnChanges } from '../../../db/repositories/patient-repository';

/** Demographic fields kept as columns of `patients`, and their column. */
export const PATIENT_COLUMNS = {
  givenName: 'given_name',
  middleName: 'middle_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  sex: 'sex',
  phone: 'phone',
  email: 'email',
  addressLine: 'address_line',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
} as const satisfies Partial<Record<DemographicField, keyof PatientColumnChanges>>;

export const EMERGENCY_CONTACT_FIELDS = ['emergencyContactName', 'emergencyContactRelationship', 'emergencyContactPhone'] as const;
export const IDENTIFIER_FIELDS = { nationalId: 'national_id', insuranceNumber: 'insurance' } as const;

/** The stored form of a field as entered: "" is no value; phones, codes and ids are tidied. */
export function storedValue(field: DemographicField, value: string | undefined): string | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  switch (field) {
    case 'phone':
    case 'emergencyContactPhone':
      return tidyPhone(v);
    case 'country':
    case 'postalCode':
      return v.toUpperCase();
    case 'nationalId':
    case 'insuranceNumber':
      return tidyIdentifier(v);
    case 'dateOfBirth':
    case 'sex':
    case 'email':
      return v;
    default:
      return v.replace(/\s+/g, ' ');
  }
}

export type StoredDemographics = { [F in DemographicField]: string | null };

export function storedDemographics(input: Partial<PatientDemographics>): StoredDemographics {
  const out = {} as StoredDemographics;
  for (const field of Object.keys(PATIENT_FIELD_ORDER) as DemographicField[]) out[field] = storedValue(field, input[field]);
  return out;
}

/** Field order for history and messages (also the set of all demographic fields). */
const PATIENT_FIELD_ORDER: Record<DemographicField, true> = {
  givenName: true,
  middleName: true,
  familyName: true,
  dateOfBirth: true,
  sex: true,
  phone: true,
  email: true,
  addressLine: true,
  city: true,
  region: true,
  postalCode: true,
  country: true,
  nationalId: true,
  insuranceNumber: true,
  emergencyContactName: true,
  emergencyContactRelationship: true,
  emergencyContactPhone: true,
};

export interface FieldChange {
  field: DemographicField;
  oldValue: string | null;
  newValue: string | null;
}

/** The fields `changes` really changes on `record`, in form order. */
export function diffDemographics(record: PatientRecord, changes: Partial<PatientDemographics>): FieldChange[] {
  const diffs: FieldChange[] = [];
  for (const field of Object.keys(PATIENT_FIELD_ORDER) as DemographicField[]) {
    if (changes[field] === undefined) continue;
    const newValue = storedValue(field, changes[field]);
    const oldValue = record[field];
    if (newValue !== oldValue) diffs.push({ field, oldValue, newValue });
  }
  return diffs;
}
