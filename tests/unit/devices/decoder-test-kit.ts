import fc from 'fast-check';
import type { DecodedMessage, DecoderEvent, StreamDecoder } from '../../../main/devices/driver';

/**
 * Helpers shared by the nonin, scale and hid decoder tests (they belong in tests/unit/devices/
 * once other protocols use them too).
 */

/** Pushes `bytes` split at `cuts` (sorted, deduplicated offsets), then ends the stream. */
export function decodeInChunks(decoder: StreamDecoder, bytes: Uint8Array, cuts: readonly number[] = []): DecoderEvent[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const events: DecoderEvent[] = [];
  let from = 0;
  for (const to of [...points, bytes.length]) {
    events.push(...decoder.push(bytes.subarray(from, to)));
    from = to;
  }
  events.push(...decoder.end());
  return events;
}

/** Arbitrary cut points for a stream of up to `maxLength` bytes. */
export const cutsArbitrary = (maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: Math.max(1, maxLength) }), { maxLength: 40 });

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function messagesOf(events: readonly DecoderEvent[]): { raw: Uint8Array; message: DecodedMessage }[] {
  return events.flatMap((e) => (e.kind === 'message' ? [{ raw: e.raw, message: e.message }] : []));
}

export function rejectionsOf(events: readonly DecoderEvent[]): Extract<DecoderEvent, { kind: 'rejected' }>[] {
  return events.flatMap((e) => (e.kind === 'rejected' ? [e] : []));
}

export function hex(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/), (h) => parseInt(h, 16));
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Corrupts one byte in place. */
export function flipByte(bytes: Uint8Array, at: number, xor: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ xor;
}
