import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { optionalSingleLineText, singleLineText } from './text';

/** As the patients table's CHECK allows. */
export const PATIENT_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const PatientSexSchema = z.enum(PATIENT_SEXES, { error: 'Sex must be female, male, other or unknown' });
export type PatientSex = z.infer<typeof PatientSexSchema>;

export const SEX_LABELS: Readonly<Record<PatientSex, string>> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Unknown',
};

/** Oldest age the front desk can register; an older date of birth is a typo in the year. */
export const MAX_AGE_YEARS = 130;

function personName(label: string, max: number) {
  return singleLineText(label, max).refine((s) => /\p{L}/u.test(s), { error: `${label} must contain a letter` });
}

export const GivenNameSchema = personName('Given name', 100);
export const FamilyNameSchema = personName('Family name', 100);
export const MiddleNameSchema = optionalSingleLineText('Middle name', 100);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (no 2023-02-29). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The shape of a date of birth; whether it is plausible depends on today (`dateOfBirthProblem`). */
export const DateOfBirthSchema = z
  .string({ error: 'Date of birth must be text' })
  .trim()
  .max(10, { error: 'Date of birth must be a date like 1984-03-07' })
  .regex(ISO_DATE, { error: 'Date of birth must be a date like 1984-03-07' })
  .refine(isCalendarDate, { error: 'Date of birth is not a real calendar date' });

/**
 * Why a (well-formed) date of birth cannot be right on `today` (YYYY-MM-DD, the clinic's local
 * date): in the future, or more than MAX_AGE_YEARS ago. Null when plausible. Today is passed in so
 * the rule is deterministic; main passes its Clock's date, the renderer the browser's.
 */
export function dateOfBirthProblem(dateOfBirth: string, today: string): string | null {
  if (dateOfBirth > today) return 'Date of birth cannot be in the future';
  const oldest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  if (dateOfBirth < oldest) return `Date of birth is more than ${MAX_AGE_YEARS} years ago; check the year`;
  return null;
}

const PHONE_CHARS = /^\+?[0-9][0-9 ()./-]*$/;

/** A phone number as typed, "" for none: digits with the usual separators, 5 to 15 digits. */
export const OptionalPhoneSchema = z
  .string({ error: 'Phone must be text' })
  .trim()
  .max(30, { error: 'Phone must be at most 30 characters' })
  .refine((s) => s === '' || PHONE_CHARS.test(s), { error: 'Phone may contain only digits, spaces and + ( ) . / -' })
  .refine((s) => s === '' || (s.replace(/\D/g, '').length >= 5 && s.replace(/\D/g, '').length <= 15), {
    error: 'Phone must have between 5 and 15 digits',
  });

/** Stored form of a phone: as typed, with runs of spaces collapsed. */
export function tidyPhone(phone: string): string {
  return phone.trim().replace(/\s+/g, ' ');
}

const EMAIL = /^[^\s@<>()[\]\\,;:"']+@[^\s@<>()[\]\\,;:"']+\.[^\s@<>()[\]\\,;:"'.]{2,}$/;
export const OptionalEmailSchema = z
  .string({ error: 'Email must be text' })
  .trim()
  .max(254, { error: 'Email must be at most 254 characters' })
  .refine((s) => s === '' || EMAIL.test(s), { error: 'Email must look like name@example.org' });

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9 ./-]*$/;
function optionalIdentifier(label: string) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(40, { error: `${label} must be at most 40 characters` })
    .refine((s) => s === '' || IDENTIFIER.test(s), { error: `${label} may contain only letters, digits, spaces and . / -` });
}
export const NationalIdSchema = optionalIdentifier('National id');
export const InsuranceNumberSchema = optionalIdentifier('Insurance number');

/** Stored form of an identifier: upper case, runs of spaces collapsed ("ab-12  34" -> "AB-12 34"). */
export function tidyIdentifier(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, ' ');
}

export const PostalCodeSchema = z
  .string({ error: 'Postal code must be text' })
  .trim()
  .max(12, { error: 'Postal code must be at most 12 characters' })
  .refine((s) => s === '' || /^[A-Za-z0-9][A-Za-z0-9 -]*$/.test(s), { error: 'Postal code may contain only letters, digits, spaces and -' });

export const CountrySchema = z
  .string({ error: 'Country must be text' })
  .trim()
  .max(2, { error: 'Country must be a two-letter code such as US or FR' })
  .refine((s) => s === '' || /^[A-Za-z]{2}$/.test(s), { error: 'Country must be a two-letter code such as US or FR' });

/**
 * Every demographic field a registration or an edit carries, flat so that each one gets its own
 * VALIDATION error (field = its name) and its own input in the form. Optional text is "" when empty.
 */
export const PATIENT_DEMOGRAPHICS = {
  givenName: GivenNameSchema,
  middleName: MiddleNameSchema.optional(),
  familyName: FamilyNameSchema,
  dateOfBirth: DateOfBirthSchema,
  sex: PatientSexSchema,
  phone: OptionalPhoneSchema.optional(),
  email: OptionalEmailSchema.optional(),
  addressLine: optionalSingleLineText('Address', 200).optional(),
  city: optionalSingleLineText('City', 100).optional(),
  region: optionalSingleLineText('Region', 100).optional(),
  postalCode: PostalCodeSchema.optional(),
  country: CountrySchema.optional(),
  nationalId: NationalIdSchema.optional(),
  insuranceNumber: InsuranceNumberSchema.optional(),
  emergencyContactName: optionalSingleLineText('Emergency contact name', 120).optional(),
  emergencyContactRelationship: optionalSingleLineText('Emergency contact relationship', 60).optional(),
  emergencyContactPhone: OptionalPhoneSchema.optional(),
} as const;

export type DemographicField = keyof typeof PATIENT_DEMOGRAPHICS;
export const DEMOGRAPHIC_FIELDS = Object.keys(PATIENT_DEMOGRAPHICS) as DemographicField[];

export const PatientDemographicsSchema = z.strictObject(PATIENT_DEMOGRAPHICS);
export type PatientDemographics = z.output<typeof PatientDemographicsSchema>;

/** Labels for forms, the change history and error messages. */
export const DEMOGRAPHIC_LABELS: Readonly<Record<DemographicField, string>> = {
  givenName: 'Given name',
  middleName: 'Middle name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  phone: 'Phone',
  email: 'Email',
  addressLine: 'Address',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
  nationalId: 'National id',
  insuranceNumber: 'Insurance number',
  emergencyContactName: 'Emergency contact name',
  emergencyContactRelationship: 'Emergency contact relationship',
  emergencyContactPhone: 'Emergency contact phone',
};

/**
 * An emergency contact needs a name: a phone or relationship alone says nothing to call. Returns
 * the field to blame, or null.
 */
export function emergencyContactProblem(d: {
  emergencyContactName?: string | null | undefined;
  emergencyContactRelationship?: string | null | undefined;
  emergencyContactPhone?: string | null | undefined;
}): { field: 'emergencyContactName'; message: string } | null {
  const has = (s: string | null | undefined) => (s ?? '').trim() !== '';
  if (!has(d.emergencyContactName) && (has(d.emergencyContactRelationship) || has(d.emergencyContactPhone))) {
    return { field: 'emergencyContactName', message: 'Emergency contact name is required when a contact phone or relationship is given' };
  }
  return null;
}

/** One row of the search results; the scheduling screens use it too, so keep these names. */
export const PatientSummarySchema = z.object({
  id: UuidSchema,
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  middleName: z.string().nullable(),
  dateOfBirth: z.string(),
  sex: PatientSexSchema,
  phone: z.string().nullable(),
  active: z.boolean(),
  /** Closeness to the query, higher is closer; search results only. */
  score: z.number().optional(),
});
export type PatientSummary = z.infer<typeof PatientSummarySchema>;

export const PatientLinkSchema = z.object({
  id: UuidSchema,
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
});
export type PatientLink = z.infer<typeof PatientLinkSchema>;

export const IDENTIFIER_SYSTEMS = ['national_id', 'insurance', 'other'] as const;
export const CONTACT_KINDS = ['emergency', 'guardian', 'next_of_kin', 'other'] as const;

export const PatientRecordSchema = PatientSummarySchema.omit({ score: true }).extend({
  email: z.string().nullable(),
  addressLine: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  nationalId: z.string().nullable(),
  insuranceNumber: z.string().nullable(),
  emergencyContactName: z.string().nullable(),
  emergencyContactRelationship: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
  identifiers: z.array(z.object({ id: UuidSchema, system: z.enum(IDENTIFIER_SYSTEMS), value: z.string() })),
  contacts: z.array(
    z.object({
      id: UuidSchema,
      kind: z.enum(CONTACT_KINDS),
      name: z.string(),
      relationship: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
  /** Set when this record was merged into another (the survivor); it is then inactive. */
  mergedInto: PatientLinkSchema.nullable(),
  /** Records merged into this one. */
  mergedFrom: z.array(PatientLinkSchema.extend({ mergedAt: InstantSchema })),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
});
export type PatientRecord = z.infer<typeof PatientRecordSchema>;

export const DUPLICATE_REASONS = ['similar_name_same_birth_date', 'same_phone', 'same_national_id', 'same_insurance_number'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const DUPLICATE_REASON_LABELS: Readonly<Record<DuplicateReason, string>> = {
  similar_name_same_birth_date: 'same date of birth and a similar name',
  same_phone: 'same phone number',
  same_national_id: 'same national id',
  same_insurance_number: 'same insurance number',
};

export const DuplicateCandidateSchema = z.object({
  patient: PatientSummarySchema,
  reasons: z.array(z.enum(DUPLICATE_REASONS)).min(1),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidateSchema>;

export const PATIENT_CHANGE_KINDS = ['registered', 'updated', 'deactivated', 'reactivated', 'merged_into', 'merged_from'] as const;
export type PatientChangeKind = (typeof PATIENT_CHANGE_KINDS)[number];

export const PatientChangeSchema = z.object({
  id: UuidSchema,
  at: InstantSchema,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  kind: z.enum(PATIENT_CHANGE_KINDS),
  /** For `updated`: the demographic field (DemographicField) that changed. */
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  /** For merges: the other record. */
  relatedPatient: PatientLinkSchema.nullable(),
});
export type PatientChange = z.infer<typeof PatientChangeSchema>;
