import type { Kysely } from 'kysely';
import type { Role } from '../../../common/domain/roles';
import type { Database } from '../../../db/schema';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { PatientRepository } from '../../../db/repositories/patient-repository';
import { ProviderRepository } from '../../../db/repositories/provider-repository';
import { UserRepository } from '../../../db/repositories/user-repository';
import type { Clock } from '../../ports/clock';
import type { PasswordHasher } from '../../ports/password-hasher';
import { CITIES, FAMILY_NAMES, GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE, SPECIALTIES, STREETS } from './demo-names';
import { seedDemoSchedule } from './demo-schedule';
import { SeededRandom } from './seeded-random';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
}

/** Printed on the console by `--demo`; demo data only, never for a real clinic. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', password: 'demo-admin-pass', role: 'admin', displayName: 'Alex Admin' },
  { username: 'frontdesk', password: 'demo-desk-pass', role: 'front_desk', displayName: 'Fran Front' },
  { username: 'nurse', password: 'demo-nurse-pass', role: 'nurse', displayName: 'Nina Nurse' },
  { username: 'physician', password: 'demo-doctor-pass', role: 'physician', displayName: 'Dr. Paul Physician' },
];

export interface DemoClinicOptions {
  seed?: number;
  patients?: number;
}

export interface DemoClinicSummary {
  organizationName: string;
  accounts: readonly DemoAccount[];
  providers: number;
  locations: number;
  patients: number;
  /** True when --demo found the demo clinic already there (a second run) and left it as it was. */
  alreadyPresent: boolean;
}

export const DEMO_ORGANIZATION_NAME = 'Riverside Family Clinic (demo)';

/**
 * Builds a demo clinic from a seed: the same seed gives the same clinic (names, dates of birth,
 * MRNs, ids) on every run. Only into an empty workstation.
 */
export async function createDemoClinic(
  db: Kysely<Database>,
  deps: { clock: Clock; hasher: PasswordHasher },
  options: DemoClinicOptions = {},
): Promise<DemoClinicSummary> {
  const random = new SeededRandom(options.seed ?? 20261125);
  const patientCount = options.patients ?? 400;
  const users = new UserRepository(db);
  if ((await users.count()) > 0) {
    const existing = await new OrganizationRepository(db).current();
    if (existing?.name === DEMO_ORGANIZATION_NAME) {
      const patients = await new PatientRepository(db).count();
      return { organizationName: existing.name, accounts: DEMO_ACCOUNTS, providers: 4, locations: 6, patients, alreadyPresent: true };
    }
    throw new Error('The demo clinic can only be created in an empty workstation (use a new --data-dir)');
  }
  const now = deps.clock.now().toISOString();
  const organizations = new OrganizationRepository(db);
  const orgId = random.uuid();
  await organizations.insert({ id: orgId, name: DEMO_ORGANIZATION_NAME, phone: '+1 555 0100', now });

  const siteId = random.uuid();
  await organizations.insertLocation({ id: siteId, organizationId: orgId, parentId: null, name: 'Main site', kind: 'site', now });
  const rooms = ['Reception', 'Exam room 1', 'Exam room 2', 'Exam room 3', 'Lab'];
  for (const name of rooms) {
    await organizations.insertLocation({ id: random.uuid(), organizationId: orgId, parentId: siteId, name, kind: 'room', now });
  }

  const userIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const id = random.uuid();
    userIds.set(account.username, id);
    await users.insert({
      id,
      organizationId: orgId,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      passwordHash: await deps.hasher.hash(account.password),
      now,
    });
  }

  const providers = new ProviderRepository(db);
  const providerNames: [string, string, string | null][] = [
    ['Paul', 'Physician', userIds.get('physician') ?? null],
    ['Maria', 'Lindqvist', null],
    ['Samuel', 'Adeyemi', null],
    ['Hana', 'Sato', null],
  ];
  const providerIds: string[] = [];
  for (const [given, family, userId] of providerNames) {
    const providerId = random.uuid();
    providerIds.push(providerId);
    await providers.insert({ id: providerId, organizationId: orgId, userId, givenName: given, familyName: family, specialty: random.pick(SPECIALTIES), now });
  }

  const patients = new PatientRepository(db);
  for (let i = 1; i <= patientCount; i += 1) {
    const sex = random.next() < 0.5 ? 'female' : 'male';
    const given = random.pick(sex === 'female' ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE);
    const family = random.pick(FAMILY_NAMES);
    const year = random.int(1935, 2024);
    const month = String(random.int(1, 12)).padStart(2, '0');
    const day = String(random.int(1, 28)).padStart(2, '0');
    const patientId = random.uuid();
    await patients.insert({
      id: patientId,
      organizationId: orgId,
      mrn: `MRN${String(i).padStart(6, '0')}`,
      givenName: given,
      familyName: family,
      dateOfBirth: `${year}-${month}-${day}`,
      sex,
      phone: `+1 555 ${random.digits(3)} ${random.digits(4)}`,
      email: null,
      addressLine: `${random.int(1, 250)} ${random.pick(STREETS)}`,
      city: random.pick(CITIES),
      postalCode: random.digits(5),
      country: 'US',
      identifiers: [{ id: random.uuid(), system: 'insurance', value: `INS-${random.digits(9)}` }],
      contacts: [
        { id: random.uuid(), kind: 'emergency', name: `${random.pick(GIVEN_NAMES_FEMALE)} ${family}`, relationship: 'family', phone: `+1 555 ${random.digits(3)} ${random.digits(4)}` },
      ],
      now,
    });
  }

  // After the patients, so the seeded names and ids above stay what they were.
  await seedDemoSchedule(db, random, orgId, providerIds, now);

  return {
    organizationName: DEMO_ORGANIZATION_NAME,
    accounts: DEMO_ACCOUNTS,
    providers: providerNames.length,
    locations: rooms.length + 1,
    patients: patientCount,
    alreadyPresent: false,
  };
}
