// Device ingest through a real composed workstation (encrypted SQLCipher store in a temp dir, the
// device sessions' link layers, the journal's group commit, the journal processor, the readings
// table), with simulated devices on in-memory cables (tests/support/pipe-transport):
//  1. throughput: four HL7 monitors and one ASTM analyzer (20 results a message) sending as fast as
//     their ACKs allow, in readings/s journaled and processed, against plain batched inserts of the
//     same rows into an encrypted file;
//  2. latency: from the last byte of a message written by the device side to the 'capture.reading'
//     event arriving at a renderer-like client over the real HTTP/WebSocket bridge.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { PushEvent } from '../../common/contract';
import type { DeviceProtocol } from '../../common/domain/devices';
import type { ApiClient } from '../../common/rpc/client';
import { openDatabase } from '../../db/open-database';
import { OrganizationRepository } from '../../db/repositories/organization-repository';
import { createAstmSimulator, sampleLabResultRecords } from '../../main/devices/astm/astm-driver';
import { buildOruMessage, createHl7Simulator, frameMllp, simulatedVitalSignsMessage } from '../../main/devices/hl7/hl7-driver';
import { systemTimers } from '../../main/ports/timers';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { PipeTransportFactory, type PipeDevice } from '../support/pipe-transport';
import { setUpAdmin, startTestWorkstation, unwrap, type TestWorkstation } from '../support/test-workstation';
import { openTransport } from '../support/transports';
import { fmt, peakRssMb, runBenchmark, verdict, type BenchRun } from './support/bench-run';
import { msSince, summarize } from './support/sample-stats';

const TARGET_READINGS_PER_S = 20_000;
const TARGET_LATENCY_P99_MS = 50;
const ROOM = '0b000000-0000-4000-8000-0000000000bb';
const MONITORS = 4;
const HL7_READINGS_PER_MESSAGE = 6;
const ASTM_RESULTS_PER_MESSAGE = 20;
const ASTM_TESTS = ['GLU', 'NA', 'K', 'CL', 'CREA', 'BUN', 'ALT', 'AST', 'CHOL', 'TRIG', 'HBA1C', 'CRP', 'TSH', 'HGB', 'WBC', 'RBC', 'PLT', 'HCT', 'HB', 'GLU2'];

async function until(probe: () => boolean, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A chemistry analyzer's message with 20 results (H, P, O, 20 R, L), as realistic as the sample one. */
function twentyResultRecords(index: number): string[] {
  const sample = sampleLabResultRecords({ seed: 11, index, encoding: 'latin1' });
  const when = /\|(\d{14})$/.exec(sample[0]!)?.[1] ?? '20240315080000';
  const results = ASTM_TESTS.map((code, i) => `R|${i + 1}|^^^${code}|${(50 + ((index * 7 + i * 13) % 90)).toFixed(1)}|mg/dL|40 to 120|N||F||||${when}`);
  return [sample[0]!, sample[1]!, sample[2]!, ...results, 'L|1|N'];
}

const SAMPLES_PER_UPLOAD = 10;

/**
 * An analyzer uploading the results it stored while the LIS link was down (or a batch run): one
 * message, ten samples of 20 results each (H, 10 × (P, O, 20 R), L). The size at which a lab's
 * results arrive in bulk; the live messages above are one sample each.
 */
function batchUploadRecords(index: number): string[] {
  const header = twentyResultRecords(index)[0]!;
  const records = [header];
  for (let s = 0; s < SAMPLES_PER_UPLOAD; s++) {
    const [, p, o, ...rest] = twentyResultRecords(index * SAMPLES_PER_UPLOAD + s);
    records.push(p!.replace(/^P\|1\|/, `P|${s + 1}|`), o!, ...rest.slice(0, -1));
  }
  records.push('L|1|N');
  return records;
}

interface Rig {
  tw: TestWorkstation;
  pipes: PipeTransportFactory;
  admin: ApiClient;
  count(table: 'device_journal' | 'device_readings'): number;
  addDevice(protocol: DeviceProtocol, port: number): Promise<PipeDevice>;
}

async function startRig(): Promise<Rig> {
  const pipes = new PipeTransportFactory();
  const tw = await startTestWorkstation({ devices: { factory: pipes, scanPorts: async () => ({ serial: [], usb: [], errors: [] }) } });
  const admin = await setUpAdmin(tw);
  const db = tw.workstation.database.db;
  const org = (await new OrganizationRepository(db).current())!;
  await new OrganizationRepository(db).insertLocation({ id: ROOM, organizationId: org.id, parentId: null, name: 'Ward 3', kind: 'room', now: tw.clock.now().toISOString() });
  const raw = tw.workstation.database.raw;
  return {
    tw,
    pipes,
    admin,
    count: (table) => (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    async addDevice(protocol, port) {
      const device = protocol === 'hl7' ? pipes.plug(`tcp:${port}`) : pipes.plug(`/dev/ttyBENCH${port}`);
      unwrap(await admin.api.devices.create(protocol === 'hl7'
        ? { name: `Monitor ${port}`, kind: 'vital_signs_monitor', protocol, encoding: 'utf8', locationId: ROOM, transport: { type: 'tcp', listenPort: port, bindAddress: '127.0.0.1' } }
        : {
          name: `Analyzer ${port}`, kind: 'lab_analyzer', protocol, encoding: 'latin1', locationId: ROOM,
          transport: { type: 'serial', path: `/dev/ttyBENCH${port}`, baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
        }));
      await until(() => device.connected, 'the device connection', 10_000);
      return device;
    },
  };
}

interface IngestResult {
  readings: number;
  journaledPerS: number;
  processedPerS: number;
  seconds: number;
}

async function measureIngest(
  run: BenchRun,
  hl7Messages: number,
  astmMessages: number,
  astm: { records: (index: number) => string[]; readingsPerMessage: number } = { records: twentyResultRecords, readingsPerMessage: ASTM_RESULTS_PER_MESSAGE },
): Promise<IngestResult> {
  const rig = await startRig();
  try {
    const monitors = await Promise.all(Array.from({ length: MONITORS }, (_, i) => rig.addDevice('hl7', 2600 + i)));
    const analyzer = await rig.addDevice('astm', 1);
    const expected = MONITORS * hl7Messages * HL7_READINGS_PER_MESSAGE + astmMessages * astm.readingsPerMessage;
    const start = process.hrtime.bigint();
    const reports = await Promise.all([
      ...monitors.map((m, i) => createHl7Simulator({ seed: 100 + i }).run(m, { messages: hl7Messages, timers: systemTimers, encoding: 'utf8' })),
      createAstmSimulator({ seed: 11, records: astm.records }).run(analyzer, { messages: astmMessages, timers: systemTimers, encoding: 'latin1' }),
    ]);
    const journaledMs = msSince(start);
    await until(() => rig.count('device_readings') >= expected, 'every reading processed');
    const processedMs = msSince(start);
    const failed = reports.reduce((n, r) => n + r.failed, 0);
    const journal = rig.count('device_journal');
    if (failed > 0 || journal !== MONITORS * hl7Messages + astmMessages || rig.count('device_readings') !== expected) {
      throw new Error(`ingest incomplete: ${failed} failed, ${journal} journal entries, ${rig.count('device_readings')} readings of ${expected}`);
    }
    await baselineInserts(run, rig, expected, processedMs);
    return { readings: expected, journaledPerS: expected / (journaledMs / 1000), processedPerS: expected / (processedMs / 1000), seconds: processedMs / 1000 };
  } finally {
    await rig.tw.close();
  }
}

let baselinePerS = Number.NaN;
let baselineRuns = 0;

/**
 * The baseline: the same device_readings rows written straight into a fresh encrypted store (same
 * openDatabase, SQLCipher key, pragmas and migrations) by one prepared INSERT in transactions of
 * 500 rows, into a copy of the table without its foreign keys (no journal or devices to point at).
 */
async function baselineInserts(run: BenchRun, rig: Rig, expected: number, ingestMs: number): Promise<void> {
  const rows = rig.tw.workstation.database.raw.prepare('SELECT * FROM device_readings').all() as Record<string, unknown>[];
  const store = openDatabase({ file: join(run.dir, `baseline-${++baselineRuns}.db`), key: randomBytes(32), driver: SqliteCipherDriver });
  try {
    const raw = store.raw;
    raw.exec('CREATE TABLE baseline_readings AS SELECT * FROM device_readings WHERE 0');
    const columns = Object.keys(rows[0]!);
    const insert = raw.prepare(`INSERT INTO baseline_readings (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    const start = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += 500) {
      raw.exec('BEGIN');
      for (const r of rows.slice(i, i + 500)) insert.run(r);
      raw.exec('COMMIT');
    }
    const ms = msSince(start);
    baselinePerS = expected / (ms / 1000);
    console.log(`  baseline: ${rows.length.toLocaleString('en')} rows in ${fmt(ms, 0)} ms (ingest took ${fmt(ingestMs, 0)} ms)`);
  } finally {
    await store.close();
  }
}

interface LatencyResult {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

async function measureLatency(messages: number, spacingMs: number): Promise<LatencyResult> {
  const rig = await startRig();
  const handle = await openTransport(rig.tw, 'bridge');
  try {
    // A nurse: capture events go to those who may accept readings.
    unwrap(await rig.admin.api.users.create({ username: 'nina', displayName: 'Nina Nurse', role: 'nurse', password: 'nina bench password' }));
    const client = handle.client();
    unwrap(await client.api.auth.login({ username: 'nina', password: 'nina bench password' }));
    const monitor = await rig.addDevice('hl7', 2700);
    const sentAt = new Map<string, bigint>();
    const samples: number[] = [];
    const seen = new Set<string>();
    const stop = client.onEvent((event: PushEvent) => {
      if (event.name !== 'capture.reading') return;
      const sampleId = (event.payload as { reading: { sampleId: string | null } }).reading.sampleId;
      const start = sampleId === null ? undefined : sentAt.get(sampleId);
      if (start === undefined || seen.has(sampleId!)) return;
      seen.add(sampleId!);
      samples.push(msSince(start));
    });
    try {
      // Warm-up messages (not recorded) also prove the event socket is connected.
      const send = (index: number, record: boolean) => {
        const input = simulatedVitalSignsMessage(index, { seed: 900 });
        const bytes = frameMllp(buildOruMessage(input, { encoding: 'utf8' }));
        if (record) sentAt.set(input.order!.fillerId!, process.hrtime.bigint());
        monitor.write(bytes);
      };
      for (let i = 0; i < 20; i++) {
        send(i, false);
        await new Promise((r) => setTimeout(r, spacingMs));
      }
      await until(() => rig.count('device_readings') >= 20 * HL7_READINGS_PER_MESSAGE, 'the warm-up readings', 30_000);
      for (let i = 20; i < 20 + messages; i++) {
        send(i, true);
        await new Promise((r) => setTimeout(r, spacingMs));
      }
      await until(() => samples.length >= messages, 'every message’s first reading event', 30_000);
    } finally {
      stop();
    }
    const stats = summarize(samples);
    return { p50: stats.p50, p99: stats.p99, max: stats.max, n: stats.n };
  } finally {
    await handle.close();
    await rig.tw.close();
  }
}

runBenchmark('device-ingest', async (run) => {
  const hl7Messages = run.quick ? 300 : 3000;
  const astmMessages = run.quick ? 100 : 1000;
  console.log(`Ingest: ${MONITORS} HL7 monitors × ${hl7Messages} ORU (${HL7_READINGS_PER_MESSAGE} readings) + 1 ASTM analyzer × ${astmMessages} messages (${ASTM_RESULTS_PER_MESSAGE} results)`);
  // A short warm-up run (JIT, the first store's key derivation), then the measured one.
  await measureIngest(run, 50, 20);
  const ingest = await measureIngest(run, hl7Messages, astmMessages);
  const pass = ingest.processedPerS >= TARGET_READINGS_PER_S;
  console.log(`  ${ingest.readings.toLocaleString('en')} readings in ${fmt(ingest.seconds, 1)} s`);
  console.log(`  journaled (acknowledged): ${fmt(ingest.journaledPerS, 0)} readings/s`);
  console.log(`  processed into device_readings: ${fmt(ingest.processedPerS, 0)} readings/s; target ≥ ${TARGET_READINGS_PER_S}: ${verdict(pass)}`);
  console.log(`  baseline (batched plain inserts, encrypted): ${fmt(baselinePerS, 0)} rows/s; ingest ÷ baseline ${fmt(ingest.processedPerS / baselinePerS, 3)}`);
  run.record({ metric: 'ingest, processed into device_readings', value: ingest.processedPerS, unit: '/s', target: `≥ ${TARGET_READINGS_PER_S}/s`, pass });
  run.record({ metric: 'ingest, journaled and acknowledged', value: ingest.journaledPerS, unit: '/s' });
  run.record({ metric: 'baseline: batched inserts of the same rows', value: baselinePerS, unit: '/s' });
  run.record({ metric: 'ingest ÷ baseline', value: ingest.processedPerS / baselinePerS, unit: 'x' });

  // The same monitors live, while the analyzer uploads its stored results in bulk.
  const uploads = run.quick ? 10 : 100;
  const bulkReadings = SAMPLES_PER_UPLOAD * ASTM_RESULTS_PER_MESSAGE;
  console.log(`\nBulk: the analyzer uploads ${uploads} messages of ${SAMPLES_PER_UPLOAD} samples × ${ASTM_RESULTS_PER_MESSAGE} results while ${MONITORS} monitors send ${hl7Messages / 10} ORU each`);
  const bulk = await measureIngest(run, hl7Messages / 10, uploads, { records: batchUploadRecords, readingsPerMessage: bulkReadings });
  const bulkPass = bulk.processedPerS >= TARGET_READINGS_PER_S;
  console.log(`  ${bulk.readings.toLocaleString('en')} readings in ${fmt(bulk.seconds, 1)} s: ${fmt(bulk.processedPerS, 0)} readings/s processed; target ≥ ${TARGET_READINGS_PER_S}: ${verdict(bulkPass)}`);
  run.record({ metric: 'bulk ingest (analyzer upload + monitors), processed', value: bulk.processedPerS, unit: '/s', target: `≥ ${TARGET_READINGS_PER_S}/s`, pass: bulkPass });

  const messages = run.quick ? 60 : 300;
  console.log(`\nLatency: ${messages} single ORU 20 ms apart, last byte written -> first 'capture.reading' event over the bridge`);
  const latency = await measureLatency(messages, 20);
  const latencyPass = latency.p99 < TARGET_LATENCY_P99_MS;
  console.log(`  p50 ${fmt(latency.p50, 2)} ms, p99 ${fmt(latency.p99, 2)} ms, max ${fmt(latency.max, 2)} ms (n = ${latency.n}); target p99 < ${TARGET_LATENCY_P99_MS} ms: ${verdict(latencyPass)}`);
  run.record({ metric: 'latency last byte -> renderer event p50', value: latency.p50, unit: 'ms' });
  run.record({ metric: 'latency last byte -> renderer event p99', value: latency.p99, unit: 'ms', target: `< ${TARGET_LATENCY_P99_MS} ms`, pass: latencyPass });
  console.log(`  peak RSS ${fmt(peakRssMb(), 0)} MB`);
});
