import type { ApiClient } from '../../common/rpc/client';
import type { AppointmentType } from '../../common/domain/scheduling';
import { OrganizationRepository } from '../../db/repositories/organization-repository';
import { PatientRepository } from '../../db/repositories/patient-repository';
import { ProviderRepository } from '../../db/repositories/provider-repository';
import { setUpAdmin, unwrap, type TestWorkstation } from './test-workstation';

/** Monday 2 March 2026, 09:00 in Berlin (08:00 UTC): the test workstation's clock starts here. */
export const CLINIC_ZONE = 'Europe/Berlin';
export const MONDAY = '2026-03-02';

export interface ScheduleClinic {
  admin: ApiClient;
  desk: ApiClient;
  nurse: ApiClient;
  organizationId: string;
  providers: { maria: string; omar: string; inactive: string };
  patients: { emilie: string; jonas: string; inactive: string };
  types: { checkup: AppointmentType; long: AppointmentType; retired: AppointmentType };
  rooms: { one: string };
}

let seq = 0;
const uuid = (prefix: string) => {
  seq += 1;
  return `${prefix}-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
};

/** "HH:MM" in Berlin on a date, as the UTC instant the API takes. */
export function berlin(date: string, time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  // March 2026 before the 29th is UTC+1; after it, UTC+2.
  const offset = date >= '2026-03-29' && date < '2026-10-25' ? 2 : 1;
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h - offset, m)).toISOString();
}

/**
 * A clinic in Berlin: two providers working Monday–Friday 08:00–17:00 with a 12:00–13:00 break
 * (one inactive provider), three patients (one inactive), a 20- and a 60-minute type and a
 * retired type, a front-desk user and a nurse.
 */
export async function setUpScheduleClinic(tw: TestWorkstation, admin?: ApiClient): Promise<ScheduleClinic> {
  const client = admin ?? (await setUpAdmin(tw));
  const db = tw.workstation.database.db;
  const now = tw.clock.now().toISOString();
  const org = (await new OrganizationRepository(db).current())!;
  const roomId = uuid('0b000000');
  await new OrganizationRepository(db).insertLocation({ id: roomId, organizationId: org.id, parentId: null, name: 'Room 1', kind: 'department', now });

  const providerRepo = new ProviderRepository(db);
  const providers = { maria: uuid('1a000000'), omar: uuid('1a000000'), inactive: uuid('1a000000') };
  await providerRepo.insert({ id: providers.maria, organizationId: org.id, userId: null, givenName: 'Maria', familyName: 'Lindqvist', specialty: null, now });
  await providerRepo.insert({ id: providers.omar, organizationId: org.id, userId: null, givenName: 'Omar', familyName: 'Haddad', specialty: null, now });
  await providerRepo.insert({ id: providers.inactive, organizationId: org.id, userId: null, givenName: 'Ines', familyName: 'Gone', specialty: null, now });
  await db.updateTable('providers').set({ active: 0 }).where('id', '=', providers.inactive).execute();

  const patientRepo = new PatientRepository(db);
  const patients = { emilie: uuid('0d000000'), jonas: uuid('0d000000'), inactive: uuid('0d000000') };
  const base = { organizationId: org.id, sex: 'female' as const, dateOfBirth: '1984-07-14', now };
  await patientRepo.insert({ ...base, id: patients.emilie, mrn: `MRN${String(seq).padStart(6, '0')}`, givenName: 'Émilie', familyName: 'Lefèvre' });
  await patientRepo.insert({ ...base, id: patients.jonas, mrn: `MRN${String(seq + 1).padStart(6, '0')}`, givenName: 'Jonas', familyName: 'Berg', sex: 'male' });
  await patientRepo.insert({ ...base, id: patients.inactive, mrn: `MRN${String(seq + 2).padStart(6, '0')}`, givenName: 'Old', familyName: 'Record' });
  await db.updateTable('patients').set({ active: 0 }).where('id', '=', patients.inactive).execute();

  unwrap(await client.api.schedule.setTimeZone({ timeZone: CLINIC_ZONE }));
  const types = {
    checkup: unwrap(await client.api.schedule.saveAppointmentType({ name: 'Check-up', durationMinutes: 20, colour: 'blue' })),
    long: unwrap(await client.api.schedule.saveAppointmentType({ name: 'Long consultation', durationMinutes: 60, colour: 'green' })),
    retired: unwrap(await client.api.schedule.saveAppointmentType({ name: 'Retired type', durationMinutes: 30, colour: 'grey', active: false })),
  };
  for (const providerId of [providers.maria, providers.omar]) {
    for (let weekday = 1; weekday <= 5; weekday += 1) {
      unwrap(await client.api.schedule.addWorkingHours({ providerId, weekday, startTime: '08:00', endTime: '17:00', kind: 'work' }));
      unwrap(await client.api.schedule.addWorkingHours({ providerId, weekday, startTime: '12:00', endTime: '13:00', kind: 'break' }));
    }
  }

  const signIn = async (username: string, role: 'front_desk' | 'nurse') => {
    unwrap(await client.api.users.create({ username, displayName: `User ${username}`, role, password: `${username} password` }));
    const c = tw.client();
    unwrap(await c.api.auth.login({ username, password: `${username} password` }));
    return c;
  };
  return {
    admin: client,
    desk: await signIn('desk', 'front_desk'),
    nurse: await signIn('nina', 'nurse'),
    organizationId: org.id,
    providers,
    patients,
    types,
    rooms: { one: roomId },
  };
}
