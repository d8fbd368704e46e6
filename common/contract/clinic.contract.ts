import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import {
  AddressSchema,
  EmailSchema,
  FamilyNameSchema,
  GivenNameSchema,
  LicenseNumberSchema,
  LocationKindSchema,
  LocationNameSchema,
  LocationSchema,
  OrganizationNameSchema,
  OrganizationSchema,
  PhoneSchema,
  ProviderSchema,
  SpecialtySchema,
  VersionSchema,
} from '../domain/clinic';

/**
 * The clinic's structure: its organization details, locations and providers. Everyone who reads
 * the schedule may read it; only administrators change it. Saves are full replacements of the
 * editable fields: an omitted optional field (a parent, a specialty, a linked account) is "none".
 */
export const clinicContract = {
  'clinic.getOrganization': method({
    summary: 'Read the clinic’s name and contact details',
    access: 'schedule.read',
    input: z.strictObject({}),
    output: OrganizationSchema,
  }),
  'clinic.updateOrganization': method({
    summary: 'Change the clinic’s name and contact details',
    access: 'clinic.manage',
    input: z.strictObject({
      expectedVersion: VersionSchema,
      name: OrganizationNameSchema,
      phone: PhoneSchema,
      email: EmailSchema,
      address: AddressSchema,
    }),
    output: OrganizationSchema,
  }),
  'clinic.listLocations': method({
    summary: 'List the clinic’s sites, departments, rooms and workstations',
    access: 'schedule.read',
    input: z.strictObject({ includeInactive: z.boolean({ error: 'includeInactive must be true or false' }).default(false) }),
    output: z.array(LocationSchema),
  }),
  'clinic.saveLocation': method({
    summary: 'Create a location, or rename, re-kind or move one',
    access: 'clinic.manage',
    input: z.strictObject({
      /** Absent: create a new location. */
      id: UuidSchema.optional(),
      /** Required with `id`: the version the change was based on. */
      expectedVersion: VersionSchema.optional(),
      name: LocationNameSchema,
      kind: LocationKindSchema,
      /** Absent: a top-level location. */
      parentId: UuidSchema.optional(),
    }),
    output: LocationSchema,
  }),
  'clinic.setLocationActive': method({
    summary: 'Take a location out of use, or back into use',
    access: 'clinic.manage',
    input: z.strictObject({ id: UuidSchema, active: z.boolean({ error: 'active must be true or false' }) }),
    output: LocationSchema,
  }),
  'clinic.listProviders': method({
    summary: 'List the clinic’s providers with their specialties and linked accounts',
    access: 'schedule.read',
    input: z.strictObject({ includeInactive: z.boolean({ error: 'includeInactive must be true or false' }).default(false) }),
    output: z.array(ProviderSchema),
  }),
  'clinic.saveProvider': method({
    summary: 'Create a provider, or change their names, specialty, license or linked account',
    access: 'clinic.manage',
    input: z.strictObject({
      /** Absent: create a new provider. */
      id: UuidSchema.optional(),
      /** Required with `id`: the version the change was based on. */
      expectedVersion: VersionSchema.optional(),
      givenName: GivenNameSchema,
      familyName: FamilyNameSchema,
      specialty: SpecialtySchema.optional(),
      licenseNumber: LicenseNumberSchema.optional(),
      /** The active physician or nurse account of this provider; absent: no linked account. */
      userId: UuidSchema.optional(),
    }),
    output: ProviderSchema,
  }),
  'clinic.setProviderActive': method({
    summary: 'Take a provider off the schedule, or back on',
    access: 'clinic.manage',
    input: z.strictObject({ id: UuidSchema, active: z.boolean({ error: 'active must be true or false' }) }),
    output: ProviderSchema,
  }),
} as const;
