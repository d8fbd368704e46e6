import type { TextEncoding } from '../../../../common/domain/devices';
import type { ByteChannel, DecoderEvent, DeliveryOutcome, LinkCallbacks } from '../../../../main/devices/driver';
import { astmDriver } from '../../../../main/devices/astm/astm-driver';
import { buildAstmSession } from '../../../../main/devices/astm/astm-message-encoder';
import { sampleLabResultRecords } from '../../../../main/devices/astm/astm-sample-message';

export type MessageEvent = Extract<DecoderEvent, { kind: 'message' }>;

export const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');
export const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

/** Runs the decoder over chunks and end(). */
export function decodeAll(chunks: readonly Uint8Array[], encoding: TextEncoding = 'latin1'): DecoderEvent[] {
  const decoder = astmDriver.createDecoder({ encoding });
  const events = chunks.flatMap((c) => decoder.push(c));
  return [...events, ...decoder.end()];
}

export function messagesOf(events: readonly DecoderEvent[]): MessageEvent[] {
  return events.filter((e): e is MessageEvent => e.kind === 'message');
}

/** Splits bytes at the given cut points (any order, any values). */
export function chunked(data: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of points) { out.push(data.subarray(at, p)); at = p; }
  out.push(data.subarray(at));
  return out;
}

export function sampleSession(seed: number, index: number, encoding: TextEncoding = 'latin1'): Uint8Array {
  return buildAstmSession([sampleLabResultRecords({ seed, index, encoding })], { encoding });
}

/** Link callbacks that record everything; deliver answers with `outcome` (or a pending promise). */
export function recordingCallbacks(outcome: () => Promise<DeliveryOutcome> = async () => ({ stored: true, duplicate: false })) {
  const written: number[] = [];
  const delivered: MessageEvent[] = [];
  const notices: Exclude<DecoderEvent, { kind: 'message' }>[] = [];
  const callbacks: LinkCallbacks = {
    write: (b) => { written.push(...b); },
    deliver: (e) => { delivered.push(e); return outcome(); },
    notice: (n) => { notices.push(n); },
  };
  return { callbacks, written, delivered, notices };
}

/**
 * Two connected in-memory ends. Bytes written on one end reach the other's listeners
 * asynchronously (a microtask later), like a real port; `transform` may corrupt them on the way.
 */
export function duplexPipe(transform: { toB?: (chunk: Uint8Array) => Uint8Array; toA?: (chunk: Uint8Array) => Uint8Array } = {}) {
  const make = (deliverTo: () => Set<(c: Uint8Array) => void>, map?: (c: Uint8Array) => Uint8Array) => {
    const listeners = new Set<(c: Uint8Array) => void>();
    const end: ByteChannel & { listeners: typeof listeners } = {
      listeners,
      write(b) {
        const copy = Uint8Array.from(b);
        const data = map ? map(copy) : copy;
        queueMicrotask(() => { for (const l of deliverTo()) l(data); });
      },
      onData(l) { listeners.add(l); return () => listeners.delete(l); },
    };
    return end;
  };
  const a: ReturnType<typeof make> = make(() => b.listeners, transform.toB);
  const b: ReturnType<typeof make> = make(() => a.listeners, transform.toA);
  return { a, b };
}

/** Lets promises and microtasks settle. */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
