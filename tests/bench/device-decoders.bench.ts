// How fast the ASTM and HL7 stream decoders turn a capture into readings, against the practical
// limit: a raw scan of the same bytes for the frame delimiters with Buffer.indexOf, which finds
// every frame but reads nothing inside it. The decoders are measured as production runs them (an
// esbuild bundle, as scripts/build-main.mjs makes dist/main) and, for comparison, as the tests run
// them (tsx: one CommonJS module per file, where every imported binding is a getter call).
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAstmSession, sampleLabResultRecords } from '../../main/devices/astm/astm-driver';
import type { DecoderOptions, ProtocolDriver } from '../../main/devices/driver';
import { driverFor as sourceDriverFor } from '../../main/devices/drivers';
import { buildOruMessage, frameMllp, simulatedVitalSignsMessage } from '../../main/devices/hl7/hl7-driver';
import type { DeviceProtocol } from '../../common/domain/devices';
import { fmt, runBenchmark, verdict, type BenchRun } from './support/bench-run';
import { median } from './support/sample-stats';

const TARGET_MB_PER_S = 50;
const CHUNK_BYTES = 64 * 1024;
const MB = 1e6;

interface Capture {
  protocol: DeviceProtocol;
  label: string;
  bytes: Buffer;
  options: DecoderOptions;
  /** Messages and readings the capture holds, to prove every message was decoded. */
  messages: number;
  readings: number;
  /** The delimiter scan: how many frames it found. */
  scan: (bytes: Buffer) => number;
}

/** Distinct messages, repeated until the capture has `targetBytes`. */
function repeatTo(unique: readonly Uint8Array[], targetBytes: number): { bytes: Buffer; copies: number } {
  const one = Buffer.concat(unique);
  const copies = Math.max(1, Math.ceil(targetBytes / one.length));
  return { bytes: Buffer.concat(Array.from({ length: copies }, () => one)), copies };
}

/**
 * An analyzer's traffic: sessions of 10 lab result messages (H, P, O, about six R, sometimes a C,
 * L), each record in its own 240-byte-limited frame, ENQ/EOT around each session. Latin-1.
 */
function astmCapture(targetBytes: number): Capture {
  const sessions: Uint8Array[] = [];
  let messages = 0;
  let readings = 0;
  for (let s = 0; s < 200; s++) {
    const records = Array.from({ length: 10 }, (_, i) => sampleLabResultRecords({ seed: 7, index: s * 10 + i, encoding: 'latin1' }));
    messages += records.length;
    readings += records.reduce((sum, r) => sum + r.filter((text) => text.startsWith('R|')).length, 0);
    sessions.push(buildAstmSession(records, { encoding: 'latin1' }));
  }
  const { bytes, copies } = repeatTo(sessions, targetBytes);
  return {
    protocol: 'astm',
    label: 'ASTM (lab analyzer sessions)',
    bytes,
    options: { encoding: 'latin1' },
    messages: messages * copies,
    readings: readings * copies,
    scan: (b) => scanFrames(b, 0x02, 0x0a),
  };
}

/** A monitor's traffic: ORU^R01 with six vital-sign OBX and one NTE, MLLP-framed, UTF-8. */
function hl7Capture(targetBytes: number): Capture {
  const blocks: Uint8Array[] = [];
  for (let i = 0; i < 2000; i++) {
    blocks.push(frameMllp(buildOruMessage(simulatedVitalSignsMessage(i, { seed: 3 }), { encoding: 'utf8' })));
  }
  const { bytes, copies } = repeatTo(blocks, targetBytes);
  return {
    protocol: 'hl7',
    label: 'HL7 (MLLP vital-signs ORU)',
    bytes,
    options: { encoding: 'utf8' },
    messages: 2000 * copies,
    readings: 6 * 2000 * copies,
    scan: (b) => scanFrames(b, 0x0b, 0x1c),
  };
}

/** The baseline: every frame's start and end byte found with Buffer.indexOf, nothing else. */
function scanFrames(bytes: Buffer, start: number, end: number): number {
  let frames = 0;
  let pos = 0;
  for (;;) {
    const s = bytes.indexOf(start, pos);
    if (s < 0) return frames;
    const e = bytes.indexOf(end, s + 1);
    if (e < 0) return frames;
    frames++;
    pos = e + 1;
  }
}

type DriverFor = (protocol: DeviceProtocol) => ProtocolDriver;

/**
 * main/devices/drivers.ts bundled the way scripts/build-main.mjs bundles main (platform node,
 * CommonJS, packages external). Written under node_modules/.cache so the packages resolve.
 */
async function bundledDriverFor(): Promise<DriverFor> {
  const outfile = join(__dirname, '../../node_modules/.cache/aipc-bench/device-decoders-drivers.cjs');
  await build({
    entryPoints: [join(__dirname, '../../main/devices/drivers.ts')],
    outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning',
  });
  const mod = (await import(pathToFileURL(outfile).href)) as { driverFor?: DriverFor; default?: { driverFor: DriverFor } };
  const driverFor = mod.driverFor ?? mod.default?.driverFor;
  if (!driverFor) throw new Error('the bundle does not export driverFor');
  return driverFor;
}

/** Full decode: 64 KiB chunks through the driver's stream decoder, every message parsed into readings. */
function decodeAll(capture: Capture, driverFor: DriverFor): { messages: number; readings: number; rejected: number } {
  const decoder = driverFor(capture.protocol).createDecoder(capture.options);
  let messages = 0;
  let readings = 0;
  let rejected = 0;
  const count = (events: ReturnType<typeof decoder.push>) => {
    for (const e of events) {
      if (e.kind === 'message') {
        messages++;
        readings += e.message.readings.length;
      } else if (e.kind === 'rejected') rejected++;
    }
  };
  const b = capture.bytes;
  for (let at = 0; at < b.length; at += CHUNK_BYTES) count(decoder.push(b.subarray(at, Math.min(at + CHUNK_BYTES, b.length))));
  count(decoder.end());
  return { messages, readings, rejected };
}

function timeMs(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median MB/s of `rounds` timings of each side, taken in alternating order so load drift falls on all. */
function medians(sides: Record<string, () => void>, mb: number, rounds: number): Record<string, { median: number; all: number[] }> {
  const names = Object.keys(sides);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      collectGarbage();
      samples[name]!.push(mb / (timeMs(sides[name]!) / 1000));
    }
  }
  return Object.fromEntries(names.map((n) => [n, { median: median(samples[n]!), all: samples[n]! }]));
}

function measure(run: BenchRun, capture: Capture, rounds: number, bundled: DriverFor): void {
  const mb = capture.bytes.length / MB;
  console.log(`\n${capture.label}: ${fmt(mb, 1)} MB, ${capture.messages.toLocaleString('en')} messages, ${capture.readings.toLocaleString('en')} readings`);
  // Warm-up, and a check that the decoder reads every message of the capture.
  for (const driverFor of [bundled, sourceDriverFor]) {
    const result = decodeAll(capture, driverFor);
    if (result.messages !== capture.messages || result.readings !== capture.readings || result.rejected !== 0) {
      throw new Error(`${capture.label}: decoded ${result.messages} messages / ${result.readings} readings / ${result.rejected} rejections, expected ${capture.messages} / ${capture.readings} / 0`);
    }
  }
  const frames = capture.scan(capture.bytes);
  const m = medians({
    bundle: () => decodeAll(capture, bundled),
    source: () => decodeAll(capture, sourceDriverFor),
    scan: () => capture.scan(capture.bytes),
  }, mb, rounds);
  const decode = m.bundle!.median;
  const pass = decode >= TARGET_MB_PER_S;
  const list = (all: number[], digits: number) => all.map((v) => fmt(v, digits)).join(', ');
  console.log(`  raw delimiter scan (Buffer.indexOf, ${frames.toLocaleString('en')} frames): median ${fmt(m.scan!.median, 0)} MB/s  [${list(m.scan!.all, 0)}]`);
  console.log(`  full decode, bundled (as in production):   median ${fmt(decode, 1)} MB/s  [${list(m.bundle!.all, 1)}]`);
  console.log(`  full decode, source under tsx:             median ${fmt(m.source!.median, 1)} MB/s  [${list(m.source!.all, 1)}]`);
  console.log(`  decode ÷ scan ${fmt(decode / m.scan!.median, 3)}; ${fmt((capture.readings / (mb / decode)) / 1000, 0)}k readings/s; target ≥ ${TARGET_MB_PER_S} MB/s: ${verdict(pass)}`);
  const name = capture.protocol.toUpperCase();
  run.record({ metric: `${name} full decode (bundled, as in production)`, value: decode, unit: 'MB/s', target: `≥ ${TARGET_MB_PER_S} MB/s`, pass });
  run.record({ metric: `${name} full decode (source under tsx)`, value: m.source!.median, unit: 'MB/s' });
  run.record({ metric: `${name} raw delimiter scan (baseline)`, value: m.scan!.median, unit: 'MB/s' });
  run.record({ metric: `${name} decode ÷ scan`, value: decode / m.scan!.median, unit: 'x' });
}

runBenchmark('device-decoders', async (run) => {
  const targetBytes = run.quick ? 3 * MB : 30 * MB;
  const rounds = run.quick ? 3 : 7;
  const bundled = await bundledDriverFor();
  for (const build of [astmCapture, hl7Capture]) {
    const capture = build(targetBytes);
    measure(run, capture, rounds, bundled);
  }
});
