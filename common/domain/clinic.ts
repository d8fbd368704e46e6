import { z } from 'zod';
import { UuidSchema } from './ids';
import type { Role } from './roles';
import { singleLineText } from './text';

// ---------------------------------------------------------------------------------------------
// Field formats

// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * A short single-line text that may be left empty ('' means "none"), for optional details such as
 * a specialty. Empty rather than null keeps the field one plain string type for forms and checks.
 */
export function optionalLineText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((s) => !UNSAFE_CHARS.test(s), { error: `${label} contains characters that are not allowed` });
}

/** Digits with the usual separators and an optional leading +; '' for none. */
export const PhoneSchema = z
  .string({ error: 'Phone must be text' })
  .trim()
  .max(40, { error: 'Phone must be at most 40 characters' })
  .regex(/^(\+?[0-9][0-9 ()./-]*)?$/, { error: 'Phone may contain only digits, spaces, + ( ) . / and -' })
  .refine((s) => s === '' || s.replace(/[^0-9]/g, '').length >= 3, { error: 'Phone must have at least 3 digits' });

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not ours to judge.
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"']+@[^\s@<>()[\]\\,;:"']+\.[^\s@<>()[\]\\,;:"'.]{2,}$/;

/** An e-mail address; '' for none. */
export const EmailSchema = z
  .string({ error: 'E-mail must be text' })
  .trim()
  .max(254, { error: 'E-mail must be at most 254 characters' })
  .refine((s) => s === '' || EMAIL_PATTERN.test(s), { error: 'E-mail must look like name@example.org' });

export const OrganizationNameSchema = singleLineText('Clinic name', 160);
export const AddressSchema = optionalLineText('Address', 300);

export const LocationNameSchema = singleLineText('Location name', 120);

export const GivenNameSchema = singleLineText('Given name', 80);
export const FamilyNameSchema = singleLineText('Family name', 80);
export const SpecialtySchema = optionalLineText('Specialty', 120);

/** Letters and digits with dot, dash, slash and space inside; '' for none. */
export const LicenseNumberSchema = z
  .string({ error: 'License number must be text' })
  .trim()
  .max(40, { error: 'License number must be at most 40 characters' })
  .regex(/^([A-Za-z0-9][A-Za-z0-9 ./-]*)?$/, {
    error: 'License number may contain only letters, digits, spaces, dot, slash and dash',
  });

export const VersionSchema = z
  .number({ error: 'Version must be a number' })
  .int({ error: 'Version must be a whole number' })
  .nonnegative({ error: 'Version must not be negative' });

// ---------------------------------------------------------------------------------------------
// Organization

export const OrganizationSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  version: z.number().int(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

// ---------------------------------------------------------------------------------------------
// Locations

export const LOCATION_KINDS = ['site', 'department', 'room', 'workstation'] as const;
export const LocationKindSchema = z.enum(LOCATION_KINDS, { error: 'Kind must be site, department, room or workstation' });
export type LocationKind = z.infer<typeof LocationKindSchema>;

export const LOCATION_KIND_LABELS: Record<LocationKind, string> = {
  site: 'Site',
  department: 'Department',
  room: 'Room',
  workstation: 'Workstation',
};

/**
 * Where each kind of location may sit. A site is a building or address and stands alone;
 * departments may nest; rooms and workstations always belong somewhere.
 */
export const LOCATION_PARENT_KINDS: Readonly<Record<LocationKind, readonly LocationKind[]>> = {
  site: [],
  department: ['site', 'department'],
  room: ['site', 'department'],
  workstation: ['site', 'department', 'room'],
};
const NEEDS_PARENT: Readonly<Record<LocationKind, boolean>> = { site: false, department: false, room: true, workstation: true };

function kindWord(kind: LocationKind): string {
  return LOCATION_KIND_LABELS[kind].toLowerCase();
}

function listKinds(kinds: readonly LocationKind[]): string {
  const names = kinds.map(kindWord);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** Why a location of `kind` cannot sit under a parent of `parentKind` (null: at the top), or null if it can. */
export function locationPlacementProblem(kind: LocationKind, parentKind: LocationKind | null): string | null {
  const allowed = LOCATION_PARENT_KINDS[kind];
  if (parentKind === null) {
    return NEEDS_PARENT[kind] ? `A ${kindWord(kind)} must be placed inside a ${listKinds(allowed)}` : null;
  }
  if (allowed.length === 0) return `A ${kindWord(kind)} is a top-level location and cannot be placed inside another`;
  return allowed.includes(parentKind) ? null : `A ${kindWord(kind)} can be placed only inside a ${listKinds(allowed)}, not a ${kindWord(parentKind)}`;
}

export const LocationSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  kind: LocationKindSchema,
  parentId: UuidSchema.nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Location = z.infer<typeof LocationSchema>;

// ---------------------------------------------------------------------------------------------
// Providers

/** The roles whose accounts may be linked to a provider: the people who see patients. */
export const PROVIDER_USER_ROLES: readonly Role[] = ['physician', 'nurse'];

export const ProviderSchema = z.object({
  id: UuidSchema,
  givenName: z.string(),
  familyName: z.string(),
  /** "Given Family", as shown in schedules and lists. */
  displayName: z.string(),
  specialty: z.string().nullable(),
  licenseNumber: z.string().nullable(),
  /** The staff account of this provider, if they sign in to the workstation. */
  userId: UuidSchema.nullable(),
  username: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Provider = z.infer<typeof ProviderSchema>;

export function providerDisplayName(p: { givenName: string; familyName: string }): string {
  return `${p.givenName} ${p.familyName}`;
}
