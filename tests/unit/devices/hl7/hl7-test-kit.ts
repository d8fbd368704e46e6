import type { TextEncoding } from '../../../../common/domain/devices';
import type { ByteChannel } from '../../../../main/devices/driver';
import { frameMllp } from '../../../../main/devices/hl7/frame-mllp';
import { encodeHl7Text } from '../../../../main/devices/hl7/hl7-text-codec';

/** HL7 text written with "\r" between segments, as tests read best. */
export function hl7(lines: string[]): string {
  return lines.map((l) => `${l}\r`).join('');
}

export function encoded(text: string, encoding: TextEncoding = 'utf8'): Uint8Array {
  return encodeHl7Text(text, encoding);
}

export function framed(text: string, encoding: TextEncoding = 'utf8'): Uint8Array {
  return frameMllp(encoded(text, encoding));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/** Splits bytes at the given cut points (sorted, deduplicated, clamped). */
export function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

/** A minimal ORU^R01 with the given OBX/NTE lines. */
export function oru(controlId: string, body: string[] = []): string {
  return hl7([
    `MSH|^~\\&|MON|WARD|AIPC|CLINIC|20250115080000||ORU^R01|${controlId}|P|2.6`,
    'PID|1||PAT-1',
    'OBR|1|PL-1|FI-1',
    ...body,
  ]);
}

/**
 * Two ends of an in-memory duplex connection. Each write is delivered on a later microtask, as a
 * socket would, so nothing relies on a synchronous answer.
 */
export function duplexPipe(): { device: ByteChannel; host: ByteChannel } {
  const listeners = { device: new Set<(c: Uint8Array) => void>(), host: new Set<(c: Uint8Array) => void>() };
  const end = (self: 'device' | 'host', peer: 'device' | 'host'): ByteChannel => ({
    write(bytes) {
      const copy = Uint8Array.from(bytes);
      queueMicrotask(() => { for (const l of listeners[peer]) l(copy); });
    },
    onData(listener) {
      listeners[self].add(listener);
      return () => listeners[self].delete(listener);
    },
  });
  return { device: end('device', 'host'), host: end('host', 'device') };
}

/** Lets pending promise callbacks and microtasks run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}
