// Opening a patient's chart: a patient with ten years of history (200 encounters, 50,000
// observations, orders with results, notes, care plans) in the encrypted store, opened through
// the dispatcher as a physician — chart.summary + chart.flowsheet (last 10 years, the vital signs)
// + the first timeline page — against a baseline measured in the same run: the raw indexed
// statements reading the same observations (every flowsheet row) on the same connection.
// Target: chart ready p99 < 200 ms. The ratio says what the service adds to reading the data.
import { join } from 'node:path';
import { DEFAULT_FLOWSHEET_CODES } from '../../common/domain/chart';
import { VITAL_SIGNS } from '../../common/domain/observation-codes';
import { ChartRepository, SERIES_SQL } from '../../db/repositories/chart-repository';
import { readFlowsheet } from '../../main/services/chart/chart-flowsheet';
import { createKeyFileStore } from '../../main/adapters/headless-key-store';
import { composeWorkstation, type Workstation } from '../../main/app/compose';
import { silentLogger } from '../../main/app/logger';
import { ManualClock } from '../../main/ports/clock';
import { cryptoIdGenerator } from '../../main/ports/id-generator';
import { SeededRandom } from '../../main/services/demo/seeded-random';
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { ADMIN } from '../support/test-workstation';
import { fmt, peakRssMb, runBenchmark, verdict, type BenchRun } from './support/bench-run';
import { summarize } from './support/sample-stats';

const TARGET_READY_P99_MS = 200;
const NOW = '2026-11-25T08:00:00.000Z';
const DAY = 86_400_000;
const TEN_YEARS_AGO = new Date(Date.parse(NOW) - 3653 * DAY).toISOString();

/** Vitals a monitor sends during a visit, with a typical value and spread. */
const MONITORED: readonly { code: string; display: string; unit: string; mean: number; spread: number; digits: number }[] = [
  { ...VITAL_SIGNS.systolic, code: VITAL_SIGNS.systolic.loinc, unit: 'mm[Hg]', mean: 128, spread: 14, digits: 0 },
  { ...VITAL_SIGNS.diastolic, code: VITAL_SIGNS.diastolic.loinc, unit: 'mm[Hg]', mean: 80, spread: 9, digits: 0 },
  { ...VITAL_SIGNS.meanArterial, code: VITAL_SIGNS.meanArterial.loinc, unit: 'mm[Hg]', mean: 96, spread: 10, digits: 0 },
  { ...VITAL_SIGNS.heartRate, code: VITAL_SIGNS.heartRate.loinc, unit: '/min', mean: 74, spread: 12, digits: 0 },
  { ...VITAL_SIGNS.respiratoryRate, code: VITAL_SIGNS.respiratoryRate.loinc, unit: '/min', mean: 15, spread: 3, digits: 0 },
  { ...VITAL_SIGNS.oxygenSaturation, code: VITAL_SIGNS.oxygenSaturation.loinc, unit: '%', mean: 97, spread: 1.5, digits: 0 },
  { ...VITAL_SIGNS.bodyTemperature, code: VITAL_SIGNS.bodyTemperature.loinc, unit: 'Cel', mean: 36.9, spread: 0.4, digits: 1 },
  { ...VITAL_SIGNS.bodyWeight, code: VITAL_SIGNS.bodyWeight.loinc, unit: 'kg', mean: 82, spread: 3, digits: 1 },
];
const LABS = [
  { code: '2345-7', display: 'Glucose', unit: 'mg/dL', mean: 105, spread: 20, range: '70-99' },
  { code: '4548-4', display: 'HbA1c', unit: '%', mean: 6.4, spread: 0.6, range: '4.0-5.6' },
  { code: '2160-0', display: 'Creatinine', unit: 'mg/dL', mean: 1.0, spread: 0.2, range: '0.6-1.2' },
  { code: '2823-3', display: 'Potassium', unit: 'mmol/L', mean: 4.2, spread: 0.4, range: '3.5-5.1' },
  { code: '2093-3', display: 'Cholesterol', unit: 'mg/dL', mean: 210, spread: 30, range: '<200' },
];

interface Scale {
  encounters: number;
  observations: number;
}

async function startWorkstation(run: BenchRun): Promise<{ workstation: Workstation; session: string; orgId: string }> {
  const workstation = await composeWorkstation({
    dataDir: join(run.dir, 'workstation'),
    keyStore: createKeyFileStore(join(run.dir, 'db.key')),
    sqlite: SqliteCipherDriver,
    hasher: argon2PasswordHasher,
    runMode: 'test',
    version: '0.0.0-bench',
    logger: silentLogger,
    clock: new ManualClock(new Date(NOW)),
  });
  const call = async (method: string, input: unknown, session: string | null) => {
    const result = await workstation.dispatcher.dispatch({ method, input, session } as never, 'in-process');
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  const admin = (await call('auth.setupFirstAdmin', { organizationName: 'Riverside Clinic', ...ADMIN }, null)).sessionToken as string;
  await call('users.create', { username: 'doc', displayName: 'Dana Doctor', role: 'physician', password: 'doc password long' }, admin);
  const session = (await call('auth.login', { username: 'doc', password: 'doc password long' }, null)).sessionToken as string;
  const org = workstation.database.raw.prepare('SELECT id FROM organizations LIMIT 1').get() as { id: string };
  return { workstation, session, orgId: org.id };
}

/**
 * Ten years of one patient, written with raw statements in one transaction (the same rows the
 * services write): visits every ~18 days, each with monitor readings every few minutes; lab
 * orders with results; medication orders, notes, problems, allergies and care plans.
 */
function generateHistory(workstation: Workstation, orgId: string, scale: Scale): string {
  const raw = workstation.database.raw;
  const random = new SeededRandom(20261125);
  const uuid = () => cryptoIdGenerator.uuid();
  const patientId = uuid();
  raw.prepare(`INSERT INTO patients (id, organization_id, mrn, given_name, family_name, date_of_birth, sex, created_at, updated_at)
               VALUES (?, ?, 'MRN000001', 'Sigrun', 'Aasland', '1958-04-17', 'female', ?, ?)`).run(patientId, orgId, TEN_YEARS_AGO, TEN_YEARS_AGO);
  const encounter = raw.prepare(`INSERT INTO encounters (id, patient_id, status, chief_complaint, started_at, ended_at, created_at, updated_at)
                                 VALUES (?, ?, 'finished', ?, ?, ?, ?, ?)`);
  const observation = raw.prepare(`
    INSERT INTO observations (id, patient_id, encounter_id, order_id, code_system, code, display, value_text, value_numeric, unit, observed_at,
                              status, source, reference_range, interpretation, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'http://loinc.org', ?, ?, ?, ?, ?, ?, 'final', ?, ?, ?, ?, ?)`);
  const order = raw.prepare(`INSERT INTO orders (id, patient_id, encounter_id, kind, code_system, code, display, details, status, created_at, updated_at)
                             VALUES (?, ?, ?, ?, 'http://loinc.org', ?, ?, ?, ?, ?, ?)`);
  const note = raw.prepare(`INSERT INTO clinical_notes (id, patient_id, encounter_id, author_id, subjective, objective, assessment, plan, created_at, updated_at)
                            VALUES (?, ?, ?, ?, 'Feels well', '', 'Hypertension, type 2 diabetes: stable', 'Continue', ?, ?)`);
  const author = (raw.prepare(`SELECT id FROM users WHERE username = 'doc'`).get() as { id: string }).id;
  const start = Date.parse(TEN_YEARS_AGO) + DAY;
  const visitGap = (Date.parse(NOW) - start - DAY) / scale.encounters;
  const labEvery = 4;
  const labObservations = Math.floor(scale.encounters / labEvery) * LABS.length;
  const setsPerVisit = Math.max(1, Math.round((scale.observations - labObservations) / scale.encounters / MONITORED.length));
  let written = 0;
  raw.transaction(() => {
    for (let e = 0; e < scale.encounters; e++) {
      const encounterId = uuid();
      const began = start + e * visitGap + random.int(0, 6) * 3_600_000;
      const at = (ms: number) => new Date(ms).toISOString();
      encounter.run(encounterId, patientId, e % 3 === 0 ? 'Follow-up' : 'Check-up', at(began), at(began + 3_600_000), at(began), at(began));
      for (let s = 0; s < setsPerVisit && written < scale.observations - labObservations; s++) {
        const takenAt = at(began + s * 2 * 60_000);
        for (const m of MONITORED) {
          const value = (m.mean + (random.next() - 0.5) * 2 * m.spread).toFixed(m.digits);
          observation.run(uuid(), patientId, encounterId, null, m.code, m.display, value, Number(value), m.unit, takenAt, 'device', null, null, takenAt, takenAt);
          written++;
        }
      }
      if (e % labEvery === 0) {
        const orderId = uuid();
        order.run(orderId, patientId, encounterId, 'lab', '24323-8', 'Metabolic panel', '{}', 'completed', at(began), at(began));
        const resultAt = at(began + 2 * 3_600_000);
        for (const lab of LABS) {
          const value = (lab.mean + (random.next() - 0.5) * 2 * lab.spread).toFixed(1);
          observation.run(uuid(), patientId, encounterId, orderId, lab.code, lab.display, value, Number(value), lab.unit, resultAt, 'device', lab.range, '["H"]', resultAt, resultAt);
          written++;
        }
      }
      if (e % 7 === 0) {
        order.run(uuid(), patientId, encounterId, 'medication', '29046', 'Lisinopril', '{"dose":10,"doseUnit":"mg","frequency":"daily"}', e > scale.encounters - 8 ? 'active' : 'completed', at(began), at(began));
      }
      if (e % 5 === 0) note.run(uuid(), patientId, encounterId, author, at(began + 1_800_000), at(began + 1_800_000));
    }
    const stamp = TEN_YEARS_AGO;
    raw.prepare(`INSERT INTO problems (id, patient_id, condition, status, created_at, updated_at) VALUES (?, ?, 'Hypertension', 'active', ?, ?), (?, ?, 'Type 2 diabetes', 'active', ?, ?)`)
      .run(uuid(), patientId, stamp, stamp, uuid(), patientId, stamp, stamp);
    raw.prepare(`INSERT INTO allergies (id, patient_id, allergen, category, severity, status, created_at, updated_at) VALUES (?, ?, 'Penicillin', 'drug', 'moderate', 'active', ?, ?)`)
      .run(uuid(), patientId, stamp, stamp);
    for (let p = 0; p < 10; p++) {
      const planId = uuid();
      const created = new Date(start + p * 365 * DAY).toISOString();
      raw.prepare(`INSERT INTO care_plans (id, patient_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(planId, patientId, `Diabetes plan ${2016 + p}`, p === 9 ? 'active' : 'completed', created, created);
      for (let a = 0; a < 5; a++) {
        raw.prepare(`INSERT INTO care_plan_activities (id, care_plan_id, position, description, due_date, status, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(uuid(), planId, a, `Activity ${a + 1}`, created.slice(0, 10), p === 9 ? 'not-started' : 'completed', p === 9 ? null : created, created, created);
      }
    }
  })();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const count = (raw.prepare('SELECT count(*) AS n FROM observations WHERE patient_id = ?').get(patientId) as { n: number }).n;
  console.log(`  ${scale.encounters} encounters, ${count.toLocaleString('en')} observations (${setsPerVisit} monitor sets per visit + ${labObservations} lab results)`);
  return patientId;
}

runBenchmark('chart', async (run: BenchRun) => {
  const scale: Scale = run.quick ? { encounters: 40, observations: 10_000 } : { encounters: 200, observations: 50_000 };
  const opens = run.quick ? 30 : 200;
  const { workstation, session, orgId } = await startWorkstation(run);
  try {
    console.log('chart: generating ten years of one patient (raw statements, one transaction)…');
    const patientId = generateHistory(workstation, orgId, scale);
    const dispatch = async (method: string, input: unknown) => {
      const result = await workstation.dispatcher.dispatch({ method, input, session } as never, 'in-process');
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    const openChart = async () => {
      await dispatch('chart.summary', { patientId });
      const flowsheet = (await dispatch('chart.flowsheet', { patientId, from: TEN_YEARS_AGO, to: NOW })) as { series: { points: unknown[]; total: number }[] };
      await dispatch('chart.timeline', { patientId, limit: 50 });
      return flowsheet;
    };
    // The baseline: the flowsheet's own indexed statements reading every observation of every measure.
    const series = workstation.database.raw.prepare(SERIES_SQL);
    const readRaw = () => {
      let rows = 0;
      for (const code of DEFAULT_FLOWSHEET_CODES) rows += series.all(patientId, code, TEN_YEARS_AGO, NOW).length;
      return rows;
    };

    const first = await openChart();
    const points = first.series.reduce((n, s) => n + s.points.length, 0);
    const total = first.series.reduce((n, s) => n + s.total, 0);
    console.log(`  flowsheet: ${total.toLocaleString('en')} observations in range, ${points} points returned (≤ 500 per measure)`);
    for (let i = 0; i < 10; i++) {
      await openChart();
      readRaw();
    }
    const ready: number[] = [];
    const baseline: number[] = [];
    const timed = async (samples: number[], fn: () => unknown) => {
      const a = process.hrtime.bigint();
      await fn();
      samples.push(Number(process.hrtime.bigint() - a) / 1e6);
    };
    // Alternating which goes first, so neither always finds the other's pages in the cache.
    for (let i = 0; i < opens; i++) {
      if (i % 2 === 0) {
        await timed(ready, openChart);
        await timed(baseline, readRaw);
      } else {
        await timed(baseline, readRaw);
        await timed(ready, openChart);
      }
    }
    const r = summarize(ready);
    const b = summarize(baseline);
    const pass = r.p99 < TARGET_READY_P99_MS;
    console.log(
      `  chart ready (summary + flowsheet + timeline page, ${opens} opens): p50 ${fmt(r.p50, 1)} ms p99 ${fmt(r.p99, 1)} ms | ` +
        `raw indexed read of the same ${total.toLocaleString('en')} observations p50 ${fmt(b.p50, 1)} ms p99 ${fmt(b.p99, 1)} ms | ` +
        `ratio p50 ${fmt(r.p50 / b.p50, 2)}× p99 ${fmt(r.p99 / b.p99, 2)}× | ${verdict(pass)}`,
    );
    run.record({ metric: 'chart ready p50', value: r.p50, unit: 'ms' });
    run.record({ metric: 'chart ready p99', value: r.p99, unit: 'ms', target: `< ${TARGET_READY_P99_MS} ms`, pass });
    run.record({ metric: 'raw observation read p50 (baseline)', value: b.p50, unit: 'ms' });
    run.record({ metric: 'raw observation read p99 (baseline)', value: b.p99, unit: 'ms' });
    run.record({ metric: 'ratio p50 chart/raw', value: r.p50 / b.p50, unit: 'x' });
    run.record({ metric: 'ratio p99 chart/raw', value: r.p99 / b.p99, unit: 'x' });

    // Where the time goes, one method at a time (diagnostic).
    for (const [method, input] of [
      ['chart.summary', { patientId }],
      ['chart.flowsheet', { patientId, from: TEN_YEARS_AGO, to: NOW }],
      ['chart.timeline', { patientId, limit: 50 }],
    ] as const) {
      const samples: number[] = [];
      for (let i = 0; i < Math.min(opens, 100); i++) await timed(samples, () => dispatch(method, input));
      const s = summarize(samples);
      console.log(`    ${method.padEnd(16)} p50 ${fmt(s.p50, 2)} ms p99 ${fmt(s.p99, 2)} ms`);
      run.record({ metric: `${method} p50`, value: s.p50, unit: 'ms' });
    }
    // The flowsheet read without the dispatcher (no validation, no audit row): what the store costs.
    const repo = new ChartRepository(workstation.database.db, workstation.database.raw);
    const direct: number[] = [];
    for (let i = 0; i < Math.min(opens, 100); i++) {
      await timed(direct, () => repo.read((reader) => readFlowsheet(reader, { patientId, from: TEN_YEARS_AGO, to: NOW })));
    }
    const d = summarize(direct);
    console.log(`    flowsheet read alone (repository, no dispatcher) p50 ${fmt(d.p50, 2)} ms p99 ${fmt(d.p99, 2)} ms`);
    run.record({ metric: 'flowsheet read alone p50', value: d.p50, unit: 'ms' });
    const rss = peakRssMb();
    console.log(`  peak RSS ${fmt(rss, 0)} MB`);
    run.record({ metric: 'peak RSS', value: rss, unit: 'MB' });
  } finally {
    await workstation.close();
  }
});
