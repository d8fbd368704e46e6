import type { Kysely } from 'kysely';
import type { AppointmentColour } from '../../../common/domain/scheduling';
import { AppointmentTypeRepository } from '../../../db/repositories/appointment-type-repository';
import { WorkingHoursRepository } from '../../../db/repositories/working-hours-repository';
import type { Database } from '../../../db/schema';
import type { SeededRandom } from './seeded-random';

const DEMO_TYPES: [string, number, AppointmentColour][] = [
  ['Check-up', 20, 'blue'],
  ['Follow-up', 15, 'green'],
  ['New patient', 40, 'purple'],
  ['Vaccination', 10, 'teal'],
  ['Procedure', 60, 'orange'],
];

/** Appointment types, and Monday–Friday 08:00–17:00 with a 12:00–13:00 break for every provider. */
export async function seedDemoSchedule(db: Kysely<Database>, random: SeededRandom, organizationId: string, providerIds: readonly string[], now: string): Promise<void> {
  const types = new AppointmentTypeRepository(db);
  for (const [name, durationMinutes, colour] of DEMO_TYPES) {
    await types.insert({ id: random.uuid(), organizationId, name, durationMinutes, colour, active: true, now });
  }
  const hours = new WorkingHoursRepository(db);
  for (const providerId of providerIds) {
    for (let weekday = 1; weekday <= 5; weekday += 1) {
      const day = { providerId, weekday, validFrom: null, validTo: null, now };
      await hours.insert({ ...day, id: random.uuid(), startTime: '08:00', endTime: '17:00', kind: 'work' });
      await hours.insert({ ...day, id: random.uuid(), startTime: '12:00', endTime: '13:00', kind: 'break' });
    }
  }
}
