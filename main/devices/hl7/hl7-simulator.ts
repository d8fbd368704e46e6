import type { TextEncoding } from '../../../common/domain/devices';
import type { Clock } from '../../ports/clock';
import type { Timers } from '../../ports/timers';
import type { ByteChannel, DeviceSimulator, SimulatorReport, SimulatorRunOptions } from '../driver';
import { frameMllp } from './frame-mllp';
import { readHl7Ack, type Hl7AckReceived } from './hl7-ack-reader';
import { buildOruMessage, type OruMessageInput } from './hl7-oru-builder';
import { formatHl7Timestamp } from './hl7-timestamp';
import { MllpFrameDecoder } from './mllp-frame-decoder';

export interface Hl7Scenario {
  /** Values vary deterministically with the seed and the message number. */
  seed?: number;
  patientId?: string;
  patientName?: { familyName: string; givenName: string };
  sendingApplication?: string;
  /** How long to wait for the ACK of one transmission; 10 s by default. */
  ackTimeoutMs?: number;
  /** Transmissions per message (first try included) before it counts as failed; 3 by default. */
  maxTries?: number;
  /** Time stamps come from this clock; otherwise from `startTime` plus one minute per message. */
  clock?: Clock;
  startTime?: Date;
  /** Offset written in the time stamps, minutes east of UTC; +01:00 by default. */
  utcOffsetMinutes?: number;
  /** Write each block in pieces of at most this many bytes, as a slow serial line would. */
  chunkBytes?: number;
}

export interface VitalSignsSample {
  spo2: string;
  pulse: string;
  systolic: string;
  diastolic: string;
  mean: string;
  temperature: string;
}

const DEFAULT_START = new Date('2025-01-15T07:00:00.000Z');

/** A plausible set of vital signs for message `index`, the same for the same seed. */
export function vitalSignsSample(seed: number, index: number): VitalSignsSample {
  const next = mulberry32((seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const systolic = int(100, 145);
  const diastolic = int(60, 92);
  return {
    spo2: String(int(93, 100)),
    pulse: String(int(52, 110)),
    systolic: String(systolic),
    diastolic: String(diastolic),
    mean: String(Math.round(diastolic + (systolic - diastolic) / 3)),
    temperature: (int(361, 378) / 10).toFixed(1),
  };
}

/** The ORU^R01 a bedside monitor sends for message `index` (MDC codes and units). */
export function simulatedVitalSignsMessage(index: number, scenario: Hl7Scenario = {}, encoding: TextEncoding = 'utf8'): OruMessageInput {
  const seed = scenario.seed ?? 1;
  const v = vitalSignsSample(seed, index);
  const when = scenario.clock?.now() ?? new Date((scenario.startTime ?? DEFAULT_START).getTime() + index * 60_000);
  const ts = formatHl7Timestamp(when, scenario.utcOffsetMinutes ?? 60);
  const mmHg = { code: '266016', text: 'MDC_DIM_MMHG', system: 'MDC' };
  return {
    controlId: `SIM${seed}-${index + 1}`,
    timestamp: ts,
    sendingApplication: scenario.sendingApplication ?? 'VSMONITOR',
    sendingFacility: 'WARD3',
    receivingApplication: 'AIPC',
    receivingFacility: 'CLINIC',
    charset: encoding === 'utf8' ? 'UNICODE UTF-8' : encoding === 'latin1' ? '8859/1' : undefined,
    patient: { id: scenario.patientId ?? `PAT${seed}`, ...(scenario.patientName ?? defaultName(encoding)) },
    order: { placerId: `ORD${seed}-${index + 1}`, fillerId: `VS${seed}-${index + 1}`, service: { code: '85353-1', text: 'Vital signs panel', system: 'LN' }, observedAt: ts },
    observations: [
      { valueType: 'NM', code: '150456', text: 'MDC_PULS_OXIM_SAT_O2', system: 'MDC', subId: '1.1.1.1', value: v.spo2, unit: { code: '262688', text: 'MDC_DIM_PERCENT', system: 'MDC' }, observedAt: ts },
      { valueType: 'NM', code: '149530', text: 'MDC_PULS_OXIM_PULS_RATE', system: 'MDC', subId: '1.1.1.2', value: v.pulse, unit: { code: '264864', text: 'MDC_DIM_BEAT_PER_MIN', system: 'MDC' }, observedAt: ts },
      { valueType: 'NM', code: '150021', text: 'MDC_PRESS_BLD_NONINV_SYS', system: 'MDC', subId: '1.2.1.1', value: v.systolic, unit: mmHg, observedAt: ts },
      { valueType: 'NM', code: '150022', text: 'MDC_PRESS_BLD_NONINV_DIA', system: 'MDC', subId: '1.2.1.2', value: v.diastolic, unit: mmHg, observedAt: ts },
      { valueType: 'NM', code: '150023', text: 'MDC_PRESS_BLD_NONINV_MEAN', system: 'MDC', subId: '1.2.1.3', value: v.mean, unit: mmHg, observedAt: ts, comments: ['cuff left upper arm'] },
      { valueType: 'NM', code: '150344', text: 'MDC_TEMP', system: 'MDC', subId: '1.3.1.1', value: v.temperature, unit: 'Cel', observedAt: ts },
    ],
  };
}

/** Plays a vital-signs monitor: sends ORU^R01, waits for the matching ACK, resends on timeout or AE. */
export function createHl7Simulator(scenario: Hl7Scenario = {}): DeviceSimulator {
  return {
    async run(channel: ByteChannel, options: SimulatorRunOptions): Promise<SimulatorReport> {
      const report: SimulatorReport = { sent: 0, acknowledged: 0, failed: 0 };
      const acks = new AckWaiter(options.encoding);
      const off = channel.onData((chunk) => acks.receive(chunk));
      const maxTries = Math.max(1, scenario.maxTries ?? 3);
      try {
        for (let i = 0; options.messages === undefined || i < options.messages; i++) {
          if (options.signal?.aborted) break;
          if (i > 0 && (options.intervalMs ?? 0) > 0) await sleep(options.timers, options.intervalMs ?? 0, options.signal);
          if (options.signal?.aborted) break;
          const input = simulatedVitalSignsMessage(i, scenario, options.encoding);
          const block = frameMllp(buildOruMessage(input, { encoding: options.encoding }));
          report.sent += 1;
          let accepted = false;
          for (let attempt = 1; attempt <= maxTries && !options.signal?.aborted; attempt++) {
            const answer = acks.expect(input.controlId, scenario.ackTimeoutMs ?? 10_000, options.timers, options.signal);
            writeInPieces(channel, block, scenario.chunkBytes);
            const ack = await answer;
            if (ack?.code === 'AA') accepted = true;
            // AR means "do not resend"; AE or silence means "try again".
            if (ack?.code === 'AA' || ack?.code === 'AR') break;
          }
          if (accepted) report.acknowledged += 1;
          else report.failed += 1;
        }
      } finally {
        off();
        acks.cancel();
      }
      return report;
    },
  };
}

/** Reads ACKs off the channel and hands the one matching the awaited control id to the waiter. */
class AckWaiter {
  private readonly frames = new MllpFrameDecoder();
  private waiting: { controlId: string; settle: (ack: Hl7AckReceived | null) => void } | null = null;

  constructor(private readonly encoding: TextEncoding) {}

  receive(chunk: Uint8Array): void {
    for (const e of this.frames.push(chunk)) {
      if (e.kind !== 'block') continue;
      const ack = readHl7Ack(e.raw, this.encoding);
      // An ACK for an earlier transmission (late, after a timeout) is not an answer to this one.
      if (ack && this.waiting && ack.controlId === this.waiting.controlId) this.waiting.settle(ack);
    }
  }

  expect(controlId: string, timeoutMs: number, timers: Timers, signal?: AbortSignal): Promise<Hl7AckReceived | null> {
    return new Promise((resolve) => {
      const onAbort = () => settle(null);
      const timer = timers.after(timeoutMs, () => settle(null));
      const settle = (ack: Hl7AckReceived | null) => {
        timer.cancel();
        signal?.removeEventListener('abort', onAbort);
        this.waiting = null;
        resolve(ack);
      };
      signal?.addEventListener('abort', onAbort);
      this.waiting = { controlId, settle };
    });
  }

  cancel(): void {
    this.waiting?.settle(null);
  }
}

function writeInPieces(channel: ByteChannel, block: Uint8Array, chunkBytes: number | undefined): void {
  const size = chunkBytes && chunkBytes > 0 ? chunkBytes : block.length;
  for (let at = 0; at < block.length; at += size) channel.write(block.subarray(at, at + size));
}

function sleep(timers: Timers, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      timer.cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = timers.after(ms, done);
    signal?.addEventListener('abort', done);
  });
}

function defaultName(encoding: TextEncoding): { familyName: string; givenName: string } {
  return encoding === 'shift_jis' ? { familyName: '山田', givenName: '太郎' } : { familyName: 'Müller', givenName: 'Jürgen' };
}

/** Small, fast, seedable PRNG (public domain); plenty for plausible test values. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
