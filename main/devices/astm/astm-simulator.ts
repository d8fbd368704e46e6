import type { TimerHandle, Timers } from '../../ports/timers';
import type { ByteChannel, DeviceSimulator, SimulatorReport, SimulatorRunOptions } from '../driver';
import {
  ACK, ENQ, ENQ_BYTES, EOT, EOT_BYTES, MAX_FRAME_TEXT, MAX_FRAME_TRANSMISSIONS, NAK, SENDER_ANSWER_TIMEOUT_MS,
} from './astm-control';
import { encodeAstmFrames } from './astm-message-encoder';
import { sampleLabResultRecords } from './astm-sample-message';

export interface AstmSimulatorScenario {
  /** Values, ids and names vary per message, deterministically from this seed. */
  seed?: number;
  /** Record texts of message `index`; default: a realistic lab result (astm-sample-message). */
  records?: (index: number) => readonly string[];
  maxFrameText?: number;
  /** All records in one huge frame, as some analyzers do. */
  singleFrame?: boolean;
  /** E1381 sender timeout waiting for ACK/NAK. */
  answerTimeoutMs?: number;
  /** Transmissions of one frame before giving up (E1381: 6). */
  maxFrameTransmissions?: number;
  /** ENQ attempts before a session attempt fails. */
  maxEnqAttempts?: number;
  /** Wait after a NAKed or unanswered ENQ (E1381: at least 10 s). */
  enqRetryDelayMs?: number;
  /** Wait after contention (the instrument has priority: 1 s). */
  contentionDelayMs?: number;
  /** Sessions tried per message before it counts as failed (after an abort with EOT). */
  maxMessageAttempts?: number;
  /** Wait before trying an aborted message again. */
  messageRetryDelayMs?: number;
}

type Answer = 'ack' | 'nak' | 'eot' | 'enq' | 'other' | 'timeout' | 'aborted';

/** Collects the receiver's answers; the sender only looks at them after it has sent something. */
class AnswerQueue {
  private bytes: number[] = [];
  private waiter: ((a: Answer) => void) | null = null;

  constructor(private readonly timers: Timers, private readonly signal: AbortSignal | undefined) {}

  onData = (chunk: Uint8Array): void => {
    for (const b of chunk) this.bytes.push(b);
    this.wake();
  };

  clear(): void {
    this.bytes = [];
  }

  next(timeoutMs: number): Promise<Answer> {
    return new Promise((resolve) => {
      let timer: TimerHandle | null = null;
      const done = (a: Answer) => {
        timer?.cancel();
        this.signal?.removeEventListener('abort', onAbort);
        this.waiter = null;
        resolve(a);
      };
      const onAbort = () => done('aborted');
      if (this.signal?.aborted) { done('aborted'); return; }
      this.signal?.addEventListener('abort', onAbort);
      timer = this.timers.after(timeoutMs, () => done('timeout'));
      this.waiter = done;
      this.wake();
    });
  }

  private wake(): void {
    if (!this.waiter || this.bytes.length === 0) return;
    const b = this.bytes.shift()!;
    this.waiter(b === ACK ? 'ack' : b === NAK ? 'nak' : b === EOT ? 'eot' : b === ENQ ? 'enq' : 'other');
  }
}

function sleep(timers: Timers, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) { resolve(); return; }
    const onAbort = () => { handle.cancel(); resolve(); };
    const handle = timers.after(ms, () => { signal?.removeEventListener('abort', onAbort); resolve(); });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type SessionOutcome = 'delivered' | 'aborted' | 'no-session' | 'stopped';

/**
 * A lab analyzer on the sender side of E1381: ENQ and wait for ACK (retry after NAK, contention or
 * silence), each frame until ACKed (NAK -> send the same frame again, six times at most; no answer
 * in 15 s -> abort), EOT after the message.
 */
export function createAstmSimulator(scenario: AstmSimulatorScenario = {}): DeviceSimulator {
  const seed = scenario.seed ?? 1;
  const answerTimeout = scenario.answerTimeoutMs ?? SENDER_ANSWER_TIMEOUT_MS;
  const maxTransmissions = scenario.maxFrameTransmissions ?? MAX_FRAME_TRANSMISSIONS;
  const maxEnq = scenario.maxEnqAttempts ?? 6;
  const enqRetryDelay = scenario.enqRetryDelayMs ?? 10_000;
  const contentionDelay = scenario.contentionDelayMs ?? 1_000;
  const maxMessageAttempts = scenario.maxMessageAttempts ?? 3;
  const messageRetryDelay = scenario.messageRetryDelayMs ?? 10_000;

  return {
    async run(channel: ByteChannel, options: SimulatorRunOptions): Promise<SimulatorReport> {
      const { timers, signal } = options;
      const answers = new AnswerQueue(timers, signal);
      const unsubscribe = channel.onData(answers.onData);
      const report: SimulatorReport = { sent: 0, acknowledged: 0, failed: 0 };

      const establish = async (): Promise<boolean> => {
        for (let attempt = 0; attempt < maxEnq; attempt++) {
          answers.clear();
          channel.write(ENQ_BYTES);
          const answer = await answers.next(answerTimeout);
          if (answer === 'ack') return true;
          if (answer === 'aborted') return false;
          if (answer === 'timeout' || answer === 'other') channel.write(EOT_BYTES);
          await sleep(timers, answer === 'enq' ? contentionDelay : enqRetryDelay, signal);
        }
        return false;
      };

      const sendFrame = async (frame: Uint8Array): Promise<'ack' | 'abort' | 'stopped'> => {
        for (let transmission = 0; transmission < maxTransmissions; transmission++) {
          answers.clear();
          channel.write(frame);
          const answer = await answers.next(answerTimeout);
          // E1381: EOT as an answer is an ACK plus a request to stop after this message.
          if (answer === 'ack' || answer === 'eot') return 'ack';
          if (answer === 'aborted') return 'stopped';
          if (answer === 'timeout') return 'abort';
        }
        return 'abort';
      };

      const sendSession = async (frames: readonly Uint8Array[]): Promise<SessionOutcome> => {
        if (!(await establish())) return signal?.aborted ? 'stopped' : 'no-session';
        for (const frame of frames) {
          const result = await sendFrame(frame);
          if (result !== 'ack') {
            channel.write(EOT_BYTES);
            return result === 'stopped' ? 'stopped' : 'aborted';
          }
        }
        channel.write(EOT_BYTES);
        return 'delivered';
      };

      try {
        for (let index = 0; options.messages === undefined || index < options.messages; index++) {
          if (signal?.aborted) break;
          const records = scenario.records?.(index) ?? sampleLabResultRecords({ seed, index, encoding: options.encoding });
          const frames = encodeAstmFrames(records, {
            encoding: options.encoding,
            maxFrameText: scenario.maxFrameText ?? MAX_FRAME_TEXT,
            singleFrame: scenario.singleFrame ?? false,
          });
          report.sent++;
          let outcome: SessionOutcome = 'aborted';
          for (let attempt = 0; attempt < maxMessageAttempts; attempt++) {
            if (attempt > 0) await sleep(timers, messageRetryDelay, signal);
            if (signal?.aborted) { outcome = 'stopped'; break; }
            outcome = await sendSession(frames);
            if (outcome === 'delivered' || outcome === 'stopped') break;
          }
          if (outcome === 'delivered') report.acknowledged++;
          else report.failed++;
          if (outcome === 'stopped') break;
          if (options.intervalMs && (options.messages === undefined || index + 1 < options.messages)) {
            await sleep(timers, options.intervalMs, signal);
          }
        }
      } finally {
        unsubscribe();
      }
      return report;
    },
  };
}
