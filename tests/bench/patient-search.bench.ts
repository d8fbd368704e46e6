// Patient search at clinic scale: N generated patients (1,000,000 by default; AIPC_BENCH_PATIENTS
// to scale, --quick for 50,000) in the encrypted store, searched through the service layer (the
// patients.search handler: parse, FTS steps under Kysely's connection lock, ranking) and, in the
// same run, the same FTS statements with the same parameters on the raw better-sqlite3 connection.
// Targets at 1M: p99 < 20 ms and service ≤ 1.5× raw.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parsePatientQuery } from '../../common/domain/patient-search-query';
import { openDatabase, type OpenedDatabase } from '../../db/open-database';
import { OrganizationRepository } from '../../db/repositories/organization-repository';
import type { PatientSearchReader, PatientSearchRow } from '../../db/repositories/patient-search-repository';
import { patientSearchDocument, SEARCH_INDEX_SQL } from '../../db/search/patient-search-document';
import { NEAR_WORDS_SQL, SEARCH_SQL } from '../../db/search/patient-search-match';
import type { HandlerContext } from '../../common/rpc/dispatcher';
import { ManualClock } from '../../main/ports/clock';
import { cryptoIdGenerator } from '../../main/ports/id-generator';
import { SeededRandom } from '../../main/services/demo/seeded-random';
import { FAMILY_NAMES, GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE } from '../../main/services/demo/demo-names';
import { createPatientHandlers } from '../../main/services/patients/patient-handlers';
import { collectCandidates } from '../../main/services/patients/patient-search';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { fmt, peakRssMb, runBenchmark, verdict, type BenchRun } from './support/bench-run';
import { summarize } from './support/sample-stats';

const TARGET_P99_MS = 20;
const TARGET_RATIO = 1.5;
const NOW = '2026-11-25T08:00:00.000Z';
const SYLLABLES = ['ka', 'ri', 'mo', 'lan', 'ter', 'son', 'ber', 'gar', 'vin', 'sky', 'ova', 'li', 'an', 'ne', 'ro', 'sa', 'chen', 'wu', 'ha', 'el', 'to', 'mi', 'du', 'ser'];

/** A few thousand family and given names, accents included, drawn with a skew like real clinics. */
function nameLists(random: SeededRandom): { family: string[]; given: string[] } {
  const invent = (count: number, seeds: readonly string[]) => {
    const names = new Set<string>(seeds);
    while (names.size < count) {
      const parts = random.int(2, 3);
      let s = '';
      for (let i = 0; i < parts; i++) s += random.pick(SYLLABLES);
      names.add(s[0]!.toUpperCase() + s.slice(1));
    }
    return [...names];
  };
  return { family: invent(8_000, FAMILY_NAMES), given: invent(1_500, [...GIVEN_NAMES_FEMALE, ...GIVEN_NAMES_MALE]) };
}

/** Skewed pick: the first names of the list are far more common, as in life. */
function skewed<T>(random: SeededRandom, items: readonly T[]): T {
  return items[Math.floor(items.length * random.next() ** 3)]!;
}

interface Generated {
  mrns: string[];
  dobs: string[];
  fullNames: [string, string][];
}

/** Raw prepared statements in one transaction: the same rows and index documents the repository writes. */
function generate(store: OpenedDatabase, orgId: string, count: number): Generated {
  const random = new SeededRandom(20261125);
  const { family, given } = nameLists(random);
  const raw = store.raw;
  const insertPatient = raw.prepare(
    `INSERT INTO patients (id, organization_id, mrn, given_name, middle_name, family_name, date_of_birth, sex, phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
  );
  const ensureKey = raw.prepare('INSERT INTO patient_search_keys (patient_id) VALUES (?)');
  const insertDocument = raw.prepare(SEARCH_INDEX_SQL.insertDocument);
  const addWord = raw.prepare(SEARCH_INDEX_SQL.addWord);
  const sample: Generated = { mrns: [], dobs: [], fullNames: [] };
  const words = new Set<string>();
  // Random UUID keys touch pages all over the indexes; with the default 2 MB page cache every
  // insert would decrypt and re-encrypt pages. A large cache for the load only, then back.
  const defaultCache = raw.pragma('cache_size', { simple: true });
  raw.pragma('cache_size = -1048576');
  raw.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const id = cryptoIdGenerator.uuid();
      const mrn = `MRN${String(i).padStart(7, '0')}`;
      const g = skewed(random, given);
      const f = skewed(random, family);
      const dob = `${random.int(1930, 2025)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      const phone = `+1 555 ${random.digits(3)} ${random.digits(4)}`;
      insertPatient.run(id, orgId, mrn, g, f, dob, random.next() < 0.5 ? 'female' : 'male', phone, NOW, NOW);
      const doc = Number(ensureKey.run(id).lastInsertRowid);
      const d = patientSearchDocument({ mrn, given_name: g, middle_name: null, family_name: f, date_of_birth: dob, phone, active: 1 });
      insertDocument.run(doc, d.names, d.mrn, d.dob, d.phone, d.flags);
      for (const w of d.words) words.add(w);
      if (i % Math.max(1, Math.floor(count / 2000)) === 0) {
        sample.mrns.push(mrn);
        sample.dobs.push(dob);
        sample.fullNames.push([g, f]);
      }
    }
    for (const w of words) addWord.run(w);
  })();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.pragma(`cache_size = ${Number(defaultCache)}`);
  return sample;
}

/** Runs the same statements as the service, straight on the raw connection, statements prepared once. */
function rawReader(store: OpenedDatabase): PatientSearchReader {
  const search = store.raw.prepare(SEARCH_SQL);
  const near = store.raw.prepare(NEAR_WORDS_SQL);
  return {
    match: (expression, limit) => search.all(expression, limit) as PatientSearchRow[],
    wordsStartingWith: (first, min, max) =>
      (near.all(first, String.fromCodePoint(first.codePointAt(0)! + 1), min, max) as { word: string }[]).map((r) => r.word),
  };
}

/** The FTS statements one query makes (recorded once), to replay on the raw connection. */
function recordStatements(query: string, reader: PatientSearchReader): { sql: 'match' | 'near'; args: unknown[] }[] {
  const steps: { sql: 'match' | 'near'; args: unknown[] }[] = [];
  const recording: PatientSearchReader = {
    match: (e, l) => (steps.push({ sql: 'match', args: [e, l] }), reader.match(e, l)),
    wordsStartingWith: (f, a, b) => (steps.push({ sql: 'near', args: [f, a, b] }), reader.wordsStartingWith(f, a, b)),
  };
  collectCandidates(parsePatientQuery(query), { query, limit: 20, includeInactive: false }, recording);
  return steps;
}

const CTX: HandlerContext = { session: null, transport: 'in-process', auditUser: () => {}, auditPatient: () => {} };

runBenchmark('patient-search', async (run: BenchRun) => {
  const count = Number(process.env.AIPC_BENCH_PATIENTS) || (run.quick ? 50_000 : 1_000_000);
  const queriesPerKind = run.quick ? 100 : 400;
  const store = openDatabase({ file: join(run.dir, 'patients.db'), key: randomBytes(32), driver: SqliteCipherDriver });
  try {
    const orgId = cryptoIdGenerator.uuid();
    await new OrganizationRepository(store.db).insert({ id: orgId, name: 'Riverside Clinic', now: NOW });
    console.log(`patient-search: generating ${count.toLocaleString('en')} patients (raw prepared statements, one transaction)…`);
    const genStart = Date.now();
    const sample = generate(store, orgId, count);
    const genSeconds = (Date.now() - genStart) / 1000;
    console.log(`  generated in ${fmt(genSeconds, 1)} s`);
    run.record({ metric: `generate ${count / 1000}k patients`, value: genSeconds * 1000, unit: 'ms', target: '< 120000 ms', pass: genSeconds < 120 });

    const handlers = createPatientHandlers({ db: store.db, raw: store.raw, clock: new ManualClock(new Date(NOW)), ids: cryptoIdGenerator });
    const reader = rawReader(store);
    const random = new SeededRandom(7);
    const pick = <T>(xs: readonly T[]) => xs[random.int(0, xs.length - 1)]!;
    const dobSpellings = (iso: string) => {
      const [y, m, d] = iso.split('-');
      return [iso, `${d}/${m}/${y}`, `${Number(d)}.${Number(m)}.${y}`];
    };
    const kinds: Record<string, () => string> = {
      'name prefix': () => {
        const [g, f] = pick(sample.fullNames);
        const prefix = (s: string) => s.slice(0, random.int(1, Math.min(5, s.length)));
        return random.next() < 0.5 ? prefix(f) : `${f} ${prefix(g)}`;
      },
      MRN: () => (random.next() < 0.5 ? pick(sample.mrns) : pick(sample.mrns).slice(3)),
      'date of birth': () => pick(dobSpellings(pick(sample.dobs))),
    };

    for (const [kind, make] of Object.entries(kinds)) {
      const queries = Array.from({ length: queriesPerKind }, make);
      const plans = queries.map((q) => recordStatements(q, reader));
      const service: number[] = [];
      const rawTimes: number[] = [];
      let found = 0;
      // Warm-up, then both ways for every query, which one goes first alternating: the second run
      // of a query finds its pages already decrypted in SQLite's cache.
      for (const q of queries.slice(0, 30)) await handlers['patients.search']({ query: q, limit: 20, includeInactive: false }, CTX);
      const viaService = async (q: string) => {
        const a = process.hrtime.bigint();
        const results = await handlers['patients.search']({ query: q, limit: 20, includeInactive: false }, CTX);
        service.push(Number(process.hrtime.bigint() - a) / 1e6);
        if (results.length > 0) found++;
      };
      const viaRaw = (steps: { sql: 'match' | 'near'; args: unknown[] }[]) => {
        const b = process.hrtime.bigint();
        for (const step of steps) {
          if (step.sql === 'match') reader.match(step.args[0] as string, step.args[1] as number);
          else reader.wordsStartingWith(step.args[0] as string, step.args[1] as number, step.args[2] as number);
        }
        rawTimes.push(Number(process.hrtime.bigint() - b) / 1e6);
      };
      for (let i = 0; i < queries.length; i++) {
        if (i % 2 === 0) {
          await viaService(queries[i]!);
          viaRaw(plans[i]!);
        } else {
          viaRaw(plans[i]!);
          await viaService(queries[i]!);
        }
      }
      const s = summarize(service);
      const r = summarize(rawTimes);
      const ratio50 = s.p50 / r.p50;
      const ratio99 = s.p99 / r.p99;
      const pass = s.p99 < TARGET_P99_MS && ratio50 <= TARGET_RATIO && ratio99 <= TARGET_RATIO;
      console.log(
        `  ${kind.padEnd(14)} service p50 ${fmt(s.p50)} ms p99 ${fmt(s.p99)} ms | raw FTS p50 ${fmt(r.p50)} ms p99 ${fmt(r.p99)} ms | ` +
          `ratio p50 ${fmt(ratio50, 2)}× p99 ${fmt(ratio99, 2)}× | ${found}/${queries.length} found | ${verdict(pass)}`,
      );
      run.record({ metric: `${kind} service p50`, value: s.p50, unit: 'ms' });
      run.record({ metric: `${kind} service p99`, value: s.p99, unit: 'ms', target: `< ${TARGET_P99_MS} ms`, pass: s.p99 < TARGET_P99_MS });
      run.record({ metric: `${kind} raw FTS p99`, value: r.p99, unit: 'ms' });
      run.record({ metric: `${kind} ratio p50 service/raw`, value: ratio50, unit: 'x', target: `≤ ${TARGET_RATIO}`, pass: ratio50 <= TARGET_RATIO });
      run.record({ metric: `${kind} ratio p99 service/raw`, value: ratio99, unit: 'x', target: `≤ ${TARGET_RATIO}`, pass: ratio99 <= TARGET_RATIO });
    }
    const rss = peakRssMb();
    console.log(`  peak RSS ${fmt(rss, 0)} MB`);
    run.record({ metric: 'peak RSS', value: rss, unit: 'MB' });
  } finally {
    await store.close();
  }
});
