// The day view of a busy clinic (50 providers × 30 appointments) through the dispatcher and the
// scheduling service, against the same joined query in raw SQL on the same connection; and how
// many bookings per second the dispatcher takes, one after another and 20 at a time.
import { join } from 'node:path';
import { appContract } from '../../common/contract';
import { instantOfWallTime, minutesOfWallTime } from '../../common/domain/time-zone';
import { AppointmentRepository } from '../../db/repositories/appointment-repository';
import { OrganizationRepository } from '../../db/repositories/organization-repository';
import { PatientRepository } from '../../db/repositories/patient-repository';
import { ProviderRepository } from '../../db/repositories/provider-repository';
import { WorkingHoursRepository } from '../../db/repositories/working-hours-repository';
import { createKeyFileStore } from '../../main/adapters/headless-key-store';
import { composeWorkstation, type Workstation } from '../../main/app/compose';
import { silentLogger } from '../../main/app/logger';
import { ManualClock } from '../../main/ports/clock';
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { ADMIN } from '../support/test-workstation';
import { fmt, peakRssMb, runBenchmark, verdict, type BenchRun } from './support/bench-run';
import { msSince, summarize } from './support/sample-stats';

const TARGET_DAY_VIEW_MS = 50;
const PROVIDERS = 50;
const PER_PROVIDER = 30;
const ZONE = 'Europe/Berlin';
const DAY = '2026-03-03';

interface Clinic {
  workstation: Workstation;
  session: string;
  providerIds: string[];
  patientIds: string[];
  typeId: string;
}

async function call(ws: Workstation, session: string, method: string, input: unknown): Promise<unknown> {
  const result = await ws.dispatcher.dispatch({ method, input, session }, 'in-process');
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** 50 providers working 08:00–17:00 every weekday, 200 patients, one 15-minute type. */
async function startClinic(run: BenchRun): Promise<Clinic> {
  const clock = new ManualClock(new Date('2026-03-02T06:00:00.000Z'));
  const workstation = await composeWorkstation({
    dataDir: join(run.dir, 'workstation'),
    keyStore: createKeyFileStore(join(run.dir, 'db.key')),
    sqlite: SqliteCipherDriver,
    hasher: argon2PasswordHasher,
    runMode: 'test',
    version: '0.0.0-bench',
    logger: silentLogger,
    clock,
    // The bench runs for minutes on a clock that does not move; sessions never idle out.
  });
  const setup = (await call(workstation, '', 'auth.setupFirstAdmin', { organizationName: 'Busy Clinic', ...ADMIN })) as { sessionToken: string };
  const session = setup.sessionToken;
  await call(workstation, session, 'schedule.setTimeZone', { timeZone: ZONE });
  const type = (await call(workstation, session, 'schedule.saveAppointmentType', { name: 'Visit', durationMinutes: 15, colour: 'blue' })) as { id: string };

  const db = workstation.database.db;
  const now = clock.now().toISOString();
  const org = (await new OrganizationRepository(db).current())!;
  const providers = new ProviderRepository(db);
  const hours = new WorkingHoursRepository(db);
  const providerIds: string[] = [];
  for (let p = 0; p < PROVIDERS; p++) {
    const id = workstation.ids.uuid();
    providerIds.push(id);
    await providers.insert({ id, organizationId: org.id, userId: null, givenName: `Provider${p}`, familyName: `Bench${String(p).padStart(2, '0')}`, specialty: null, now });
    for (let weekday = 1; weekday <= 5; weekday++) {
      await hours.insert({ id: workstation.ids.uuid(), providerId: id, weekday, startTime: '08:00', endTime: '17:00', kind: 'work', validFrom: null, validTo: null, now });
    }
  }
  const patients = new PatientRepository(db);
  const patientIds: string[] = [];
  for (let i = 0; i < 200; i++) {
    const id = workstation.ids.uuid();
    patientIds.push(id);
    await patients.insert({ id, organizationId: org.id, mrn: `B${String(i).padStart(6, '0')}`, givenName: `Given${i}`, familyName: `Family${i}`, dateOfBirth: '1980-01-01', sex: 'unknown', now });
  }
  return { workstation, session, providerIds, patientIds, typeId: type.id };
}

/** 30 appointments of 15 minutes per provider on DAY, 08:00–15:30, written through the repository. */
async function seedBusyDay(clinic: Clinic): Promise<void> {
  const repo = new AppointmentRepository(clinic.workstation.database.db);
  const now = clinic.workstation.clock.now().toISOString();
  await clinic.workstation.database.db.transaction().execute(async (trx) => {
    const inTrx = new AppointmentRepository(trx);
    for (const [p, providerId] of clinic.providerIds.entries()) {
      for (let k = 0; k < PER_PROVIDER; k++) {
        const start = instantOfWallTime(DAY, minutesOfWallTime('08:00') + k * 15, ZONE);
        await inTrx.insert({
          id: clinic.workstation.ids.uuid(),
          patientId: clinic.patientIds[(p * PER_PROVIDER + k) % clinic.patientIds.length]!,
          providerId,
          typeId: clinic.typeId,
          typeName: 'Visit',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 15 * 60_000).toISOString(),
          locationId: null,
          notes: null,
          walkIn: false,
          recurrenceGroupId: null,
          status: 'booked',
          arrivedAt: null,
          now,
        });
      }
    }
  });
  void repo;
}

/** The same joined rows the service reads, straight from SQLite: the floor for the day view. */
function rawDayQuery(clinic: Clinic): () => unknown[] {
  const statement = clinic.workstation.database.raw.prepare(`
    SELECT a.*, p.given_name AS patient_given_name, p.family_name AS patient_family_name, p.mrn,
           pr.given_name AS provider_given_name, pr.family_name AS provider_family_name,
           t.name AS type_name, t.colour AS type_colour, r.name AS room_name, e.id AS encounter_id
    FROM appointments a
    JOIN patients p ON p.id = a.patient_id
    JOIN providers pr ON pr.id = a.provider_id
    LEFT JOIN appointment_types t ON t.id = a.appointment_type_id
    LEFT JOIN locations r ON r.id = a.room_id
    LEFT JOIN encounters e ON e.appointment_id = a.id AND e.deleted = 0
    WHERE a.deleted = 0 AND a.starts_at >= ? AND a.starts_at < ?
    ORDER BY a.starts_at, pr.family_name`);
  const from = new Date(instantOfWallTime(DAY, 0, ZONE)).toISOString();
  const to = new Date(instantOfWallTime('2026-03-04', 0, ZONE)).toISOString();
  return () => statement.all(from, to);
}

async function timeIt(samples: number[], fn: () => unknown): Promise<void> {
  const start = process.hrtime.bigint();
  await fn();
  samples.push(msSince(start));
}

async function dayView(run: BenchRun, clinic: Clinic): Promise<void> {
  const raw = rawDayQuery(clinic);
  const day = () => call(clinic.workstation, clinic.session, 'schedule.day', { date: DAY });
  const rows = raw().length;
  const view = (await day()) as { appointments: unknown[]; providers: unknown[] };
  if (rows !== PROVIDERS * PER_PROVIDER || view.appointments.length !== rows || view.providers.length !== PROVIDERS) {
    throw new Error(`expected ${PROVIDERS * PER_PROVIDER} appointments, raw ${rows}, view ${view.appointments.length}`);
  }
  const rounds = run.quick ? 30 : 300;
  for (let i = 0; i < 20; i++) {
    raw();
    await day();
  }
  const samples = { service: [] as number[], raw: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    await timeIt(samples.raw, raw);
    await timeIt(samples.service, day);
  }
  // Diagnostic: the contract's output check of the same answer, which the dispatcher runs on every call.
  const outputCheck: number[] = [];
  for (let i = 0; i < rounds; i++) await timeIt(outputCheck, () => appContract['schedule.day'].output.parse(view));
  console.log(`  output schema check alone     p50 ${fmt(summarize(outputCheck).p50)} ms (diagnostic)`);
  const service = summarize(samples.service);
  const baseline = summarize(samples.raw);
  console.log(`day view, ${PROVIDERS} providers × ${PER_PROVIDER} appointments, ${rounds} rounds interleaved`);
  console.log(`  raw SQL (baseline)            p50 ${fmt(baseline.p50)} ms  p99 ${fmt(baseline.p99)} ms`);
  console.log(`  schedule.day via dispatcher   p50 ${fmt(service.p50)} ms  p99 ${fmt(service.p99)} ms`);
  const pass = service.p99 < TARGET_DAY_VIEW_MS;
  console.log(`  target p99 < ${TARGET_DAY_VIEW_MS} ms: ${verdict(pass)}; ratio service/raw (p50) ${fmt(service.p50 / baseline.p50, 2)}×`);
  run.record({ metric: 'day view p50 (dispatcher)', value: service.p50, unit: 'ms' });
  run.record({ metric: 'day view p99 (dispatcher)', value: service.p99, unit: 'ms', target: `< ${TARGET_DAY_VIEW_MS} ms`, pass });
  run.record({ metric: 'day view raw SQL p50', value: baseline.p50, unit: 'ms' });
  run.record({ metric: 'day view ratio service/raw (p50)', value: service.p50 / baseline.p50, unit: 'x' });
}

/** Sequential, then 20 at a time, each booking a distinct free 15-minute slot. */
async function bookingThroughput(run: BenchRun, clinic: Clinic): Promise<void> {
  const count = run.quick ? 200 : 2_000;
  // Days after DAY, so none clashes with the busy day; slot k of provider p on day d.
  const slots: { providerId: string; startsAt: string }[] = [];
  for (let d = 0; slots.length < count * 2; d++) {
    const date = `2026-03-${String(9 + Math.floor(d / 5) * 7 + (d % 5)).padStart(2, '0')}`;
    for (const providerId of clinic.providerIds) {
      for (let k = 0; k < 36 && slots.length < count * 2; k++) {
        slots.push({ providerId, startsAt: new Date(instantOfWallTime(date, 8 * 60 + k * 15, ZONE)).toISOString() });
      }
    }
  }
  const book = (i: number) =>
    call(clinic.workstation, clinic.session, 'schedule.book', {
      patientId: clinic.patientIds[i % clinic.patientIds.length],
      providerId: slots[i]!.providerId,
      typeId: clinic.typeId,
      startsAt: slots[i]!.startsAt,
    });

  let start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await book(i);
  const sequentialMs = msSince(start);
  start = process.hrtime.bigint();
  for (let i = count; i < 2 * count; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => book(i + j)));
  const concurrentMs = msSince(start);

  for (const [label, ms] of [['one at a time', sequentialMs], ['20 at a time', concurrentMs]] as const) {
    const perSecond = count / (ms / 1000);
    console.log(`booking ${label}: ${count} bookings in ${fmt(ms, 0)} ms = ${fmt(perSecond, 0)} bookings/s, ${fmt(ms / count)} ms each`);
    run.record({ metric: `booking ${label}, ms per booking (${Math.round(perSecond)}/s)`, value: ms / count, unit: 'ms' });
  }
}

runBenchmark('schedule', async (run) => {
  const clinic = await startClinic(run);
  try {
    await seedBusyDay(clinic);
    await dayView(run, clinic);
    await bookingThroughput(run, clinic);
    const rss = peakRssMb();
    console.log(`peak RSS: ${fmt(rss, 0)} MB`);
    run.record({ metric: 'peak RSS', value: rss, unit: 'MB' });
  } finally {
    await clinic.workstation.close();
  }
});
