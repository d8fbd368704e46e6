// How fast the ASTM and HL7 stream decoders turn a capture into readings, against the practical
// limit: a raw scan of the same bytes for the frame delimiters with Buffer.indexOf, which finds
// every frame but reads nothing inside it.
import { buildAstmSession, sampleLabResultRecords } from '../../main/devices/astm/astm-driver';
import type { DecoderOptions } from '../../main/devices/driver';
import { driverFor } from '../../main/devices/drivers';
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

/** Full decode: 64 KiB chunks through the driver's stream decoder, every message parsed into readings. */
function decodeAll(capture: Capture): { messages: number; readings: number; rejected: number } {
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

function measure(run: BenchRun, capture: Capture, rounds: number): void {
  const mb = capture.bytes.length / MB;
  console.log(`\n${capture.label}: ${fmt(mb, 1)} MB, ${capture.messages.toLocaleString('en')} messages, ${capture.readings.toLocaleString('en')} readings`);
  // Warm-up, and a check that the decoder reads every message of the capture.
  const result = decodeAll(capture);
  if (result.messages !== capture.messages || result.readings !== capture.readings || result.rejected !== 0) {
    throw new Error(`${capture.label}: decoded ${result.messages} messages / ${result.readings} readings / ${result.rejected} rejections, expected ${capture.messages} / ${capture.readings} / 0`);
  }
  const frames = capture.scan(capture.bytes);
  const decodeMbps: number[] = [];
  const scanMbps: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so drift in the machine's load falls on both sides.
    const order = r % 2 === 0 ? ['decode', 'scan'] : ['scan', 'decode'];
    for (const side of order) {
      collectGarbage();
      if (side === 'decode') decodeMbps.push(mb / (timeMs(() => decodeAll(capture)) / 1000));
      else scanMbps.push(mb / (timeMs(() => capture.scan(capture.bytes)) / 1000));
    }
  }
  const decode = median(decodeMbps);
  const scan = median(scanMbps);
  const pass = decode >= TARGET_MB_PER_S;
  console.log(`  raw delimiter scan (Buffer.indexOf, ${frames.toLocaleString('en')} frames): median ${fmt(scan, 0)} MB/s  [${scanMbps.map((v) => fmt(v, 0)).join(', ')}]`);
  console.log(`  full decode (64 KiB chunks -> readings):        median ${fmt(decode, 1)} MB/s  [${decodeMbps.map((v) => fmt(v, 1)).join(', ')}]`);
  console.log(`  decode ÷ scan ${fmt(decode / scan, 3)}; ${fmt((capture.readings / (mb / decode)) / 1000, 0)}k readings/s; target ≥ ${TARGET_MB_PER_S} MB/s: ${verdict(pass)}`);
  run.record({ metric: `${capture.protocol.toUpperCase()} full decode`, value: decode, unit: 'MB/s', target: `≥ ${TARGET_MB_PER_S} MB/s`, pass });
  run.record({ metric: `${capture.protocol.toUpperCase()} raw delimiter scan (baseline)`, value: scan, unit: 'MB/s' });
  run.record({ metric: `${capture.protocol.toUpperCase()} decode ÷ scan`, value: decode / scan, unit: 'x' });
}

runBenchmark('device-decoders', async (run) => {
  const targetBytes = run.quick ? 3 * MB : 30 * MB;
  const rounds = run.quick ? 3 : 7;
  for (const build of [astmCapture, hl7Capture]) {
    const capture = build(targetBytes);
    measure(run, capture, rounds);
  }
});
