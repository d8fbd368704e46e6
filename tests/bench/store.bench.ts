// Encrypted store versus the same store without a key: 100,000 device observations written and
// read back through ObservationRepository. Both files are opened by openDatabase with the same
// SQLite build, pragmas and migrations, so the ratio isolates what the encryption costs.
import { uuidV7 } from '../../main/ports/id-generator';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../db/open-database';
import { ObservationRepository, type NewObservation } from '../../db/repositories/observation-repository';
import { OrganizationRepository } from '../../db/repositories/organization-repository';
import { PatientRepository } from '../../db/repositories/patient-repository';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { fmt, peakRssMb, runBenchmark, verdict, type BenchRun } from './support/bench-run';
import { median, msSince } from './support/sample-stats';

const TARGET_RATIO = 1.3;
const BATCH = 1_000; // one insertMany per batch, as a device ingest would chart them

type Variant = 'plain' | 'encrypted';

interface RoundTiming {
  insertMs: number;
  readMs: number;
}

interface Fixture {
  organizationId: string;
  deviceId: string;
  patientId: string;
  observations: NewObservation[];
}

const VITALS = [
  { code: '8867-4', display: 'Heart rate', unit: '/min', value: (i: number) => String(60 + (i % 40)) },
  { code: '59408-5', display: 'Oxygen saturation', unit: '%', value: (i: number) => String(92 + (i % 8)) },
  { code: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', value: (i: number) => String(100 + (i % 50)) },
  { code: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', value: (i: number) => String(60 + (i % 30)) },
  { code: '8310-5', display: 'Body temperature', unit: 'Cel', value: (i: number) => (36 + (i % 20) / 10).toFixed(1) },
  { code: '9279-1', display: 'Respiratory rate', unit: '/min', value: (i: number) => String(12 + (i % 10)) },
];

type IdStyle = 'random' | 'time-ordered';

/** The workstation's own ids (UUIDv7, time-ordered), as a device ingest would make them. */
function timeOrderedId(ms: number): string {
  return uuidV7(ms);
}

/** Built once, outside the timings, and written identically to both stores. */
function buildFixture(count: number, idStyle: IdStyle): Fixture {
  const fixture = { organizationId: randomUUID(), deviceId: randomUUID(), patientId: randomUUID() };
  const start = Date.parse('2026-11-01T00:00:00.000Z');
  const now = '2026-11-25T08:00:00.000Z';
  const observations: NewObservation[] = [];
  for (let i = 0; i < count; i++) {
    const vital = VITALS[i % VITALS.length]!;
    observations.push({
      id: idStyle === 'random' ? randomUUID() : timeOrderedId(start + i),
      patientId: fixture.patientId,
      encounterId: null,
      codeSystem: 'http://loinc.org',
      code: vital.code,
      display: vital.display,
      valueText: vital.value(i),
      unit: vital.unit,
      observedAt: new Date(start + i * 1000).toISOString(),
      status: 'final',
      source: 'device',
      deviceId: fixture.deviceId,
      performerId: null,
      now,
    });
  }
  return { ...fixture, observations };
}

async function seed(store: OpenedDatabase, fixture: Fixture): Promise<void> {
  const now = '2026-11-25T08:00:00.000Z';
  await new OrganizationRepository(store.db).insert({ id: fixture.organizationId, name: 'Riverside Clinic', now });
  await store.db
    .insertInto('devices')
    .values({
      id: fixture.deviceId,
      organization_id: fixture.organizationId,
      location_id: null,
      name: 'Bedside monitor 1',
      kind: 'vital-signs-monitor',
      protocol: 'hl7-mllp',
      transport: 'tcp',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await new PatientRepository(store.db).insert({
    id: fixture.patientId,
    organizationId: fixture.organizationId,
    mrn: 'MRN-000001',
    givenName: 'Bench',
    familyName: 'Patient',
    dateOfBirth: '1970-01-01',
    sex: 'unknown',
    now,
  });
}

interface StoreUnderTest {
  file: string;
  store: OpenedDatabase;
  repository: ObservationRepository;
}

async function openStore(run: BenchRun, variant: Variant, label: string, fixture: Fixture): Promise<StoreUnderTest> {
  const file = join(run.dir, `${label}-${variant}.db`);
  const store = openDatabase({ file, key: variant === 'encrypted' ? randomBytes(32) : null, driver: SqliteCipherDriver });
  await seed(store, fixture);
  return { file, store, repository: new ObservationRepository(store.db) };
}

async function closeStore(subject: StoreUnderTest): Promise<void> {
  await subject.store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(subject.file + suffix, { force: true });
}

const ORDERS: readonly (readonly Variant[])[] = [
  ['plain', 'encrypted'],
  ['encrypted', 'plain'],
];

/**
 * One round on a fresh pair of stores. The two are written batch by batch in turn, the order
 * swapping every batch, then read back in turn, so that both see the same background load (the
 * benchmark machine is shared) and the ratio compares like with like.
 */
async function measureRound(run: BenchRun, label: string, fixture: Fixture, round: number, reads: number): Promise<Record<Variant, RoundTiming>> {
  const stores = {} as Record<Variant, StoreUnderTest>;
  try {
    for (const variant of ORDERS[0]!) stores[variant] = await openStore(run, variant, label, fixture);

    const insertMs: Record<Variant, number> = { plain: 0, encrypted: 0 };
    collectGarbage();
    for (let i = 0, batch = round; i < fixture.observations.length; i += BATCH, batch++) {
      const observations = fixture.observations.slice(i, i + BATCH);
      for (const variant of ORDERS[batch % 2]!) {
        const start = process.hrtime.bigint();
        await stores[variant].repository.insertMany(observations);
        insertMs[variant] += msSince(start);
      }
    }

    const readMs: Record<Variant, number[]> = { plain: [], encrypted: [] };
    for (let r = 0; r < reads; r++) {
      for (const variant of ORDERS[(round + r) % 2]!) {
        collectGarbage();
        const start = process.hrtime.bigint();
        const rows = await stores[variant].repository.listForPatient(fixture.patientId);
        readMs[variant].push(msSince(start));
        expectAllRows(variant, rows, fixture);
      }
    }
    return {
      plain: { insertMs: insertMs.plain, readMs: median(readMs.plain) },
      encrypted: { insertMs: insertMs.encrypted, readMs: median(readMs.encrypted) },
    };
  } finally {
    for (const subject of Object.values(stores)) await closeStore(subject);
  }
}

function expectAllRows(variant: Variant, rows: readonly { id: string }[], fixture: Fixture): void {
  const last = fixture.observations[fixture.observations.length - 1]!;
  if (rows.length !== fixture.observations.length || rows[rows.length - 1]?.id !== last.id) {
    throw new Error(`${variant}: read back ${rows.length} rows, expected ${fixture.observations.length} in time order`);
  }
}

/** Rounds on fresh stores; per-round ratios, their median and the median times are reported. */
async function measureSeries(run: BenchRun, label: string, fixture: Fixture, rounds: number, targeted: boolean): Promise<void> {
  const rowCount = fixture.observations.length;
  const reads = 3;
  const timings: Record<Variant, RoundTiming[]> = { plain: [], encrypted: [] };
  const ratios = { insert: [] as number[], read: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const result = await measureRound(run, `${label}-${round}`, fixture, round, reads);
    timings.plain.push(result.plain);
    timings.encrypted.push(result.encrypted);
    ratios.insert.push(result.encrypted.insertMs / result.plain.insertMs);
    ratios.read.push(result.encrypted.readMs / result.plain.readMs);
    console.log(
      `  round ${round + 1}: insert plain ${fmt(result.plain.insertMs, 0)} ms, encrypted ${fmt(result.encrypted.insertMs, 0)} ms; ` +
        `read (median of ${reads}) plain ${fmt(result.plain.readMs, 0)} ms, encrypted ${fmt(result.encrypted.readMs, 0)} ms`,
    );
  }

  const rowsPerSecond = (ms: number) => Math.round(rowCount / (ms / 1000));
  console.log('  operation  variant     median ms     rows/s');
  for (const op of ['insert', 'read'] as const) {
    for (const variant of ['plain', 'encrypted'] as const) {
      const ms = median(timings[variant].map((t) => (op === 'insert' ? t.insertMs : t.readMs)));
      console.log(`  ${op.padEnd(9)}  ${variant.padEnd(10)}  ${fmt(ms, 1).padStart(9)}  ${rowsPerSecond(ms).toLocaleString('en').padStart(9)}`);
      if (targeted) run.record({ metric: `${op} ${rowCount / 1000}k, ${variant}`, value: ms, unit: 'ms' });
    }
  }
  for (const op of ['insert', 'read'] as const) {
    const ratio = median(ratios[op]);
    const spread = `rounds ${fmt(Math.min(...ratios[op]), 2)}–${fmt(Math.max(...ratios[op]), 2)}`;
    if (targeted) {
      const pass = ratio <= TARGET_RATIO;
      console.log(`  ${op} ratio encrypted/plain: ${fmt(ratio, 2)}× (${spread}), target ≤ ${TARGET_RATIO}: ${verdict(pass)}`);
      run.record({ metric: `${op} ratio encrypted/plain`, value: ratio, unit: 'x', target: `≤ ${TARGET_RATIO}`, pass });
    } else {
      console.log(`  ${op} ratio encrypted/plain: ${fmt(ratio, 2)}× (${spread}), diagnostic, no target`);
      run.record({ metric: `${op} ratio encrypted/plain, ${label} ids`, value: ratio, unit: 'x' });
    }
  }
}

function collectGarbage(): void {
  // scripts/bench.mjs starts node with --expose-gc, so garbage left by building the fixture or by
  // the previous read is collected before a timing starts rather than inside it.
  (globalThis as { gc?: () => void }).gc?.();
}

runBenchmark('store', async (run) => {
  const rowCount = run.quick ? 10_000 : 100_000;
  const rounds = run.quick ? 1 : 3;
  const fixture = buildFixture(rowCount, 'time-ordered');
  console.log(
    `store: ${rowCount.toLocaleString('en')} observations of one patient, insertMany of ${BATCH} rows, then one ` +
      `listForPatient; ${rounds} rounds on fresh stores, plain and encrypted interleaved batch by batch`,
  );

  // Warm-up: JIT, Kysely's query compilation, the native module and the OS file cache.
  await measureRound(run, 'warmup', { ...fixture, observations: fixture.observations.slice(0, Math.min(10_000, rowCount)) }, 0, 1);

  console.log('\ntime-ordered ids (UUIDv7, as the workstation IdGenerator makes them): checked against the target');
  await measureSeries(run, 'time-ordered', fixture, rounds, true);

  // Diagnostic: encryption costs per page written, and random (v4) primary keys dirty about one
  // index page per row; this is why the workstation makes UUIDv7 ids.
  console.log(`\nrandom ids (UUIDv4): diagnostic, ${rounds} rounds`);
  await measureSeries(run, 'random', buildFixture(rowCount, 'random'), rounds, false);

  const rss = peakRssMb();
  console.log(`\npeak RSS: ${fmt(rss, 0)} MB`);
  run.record({ metric: 'peak RSS', value: rss, unit: 'MB' });
});
