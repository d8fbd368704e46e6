import { hexDigitValue } from './astm-checksum';
import * as control from './astm-control';

// Module-level copies: in CommonJS output (tsx, vitest) every use of an imported binding is a getter
// call, which the per-byte loop below would pay on every byte.
const { CR, ETB, ETX, LF, STX } = control;

/** Thrown for raw message bytes that are not a clean sequence of valid frames. */
export class AstmRawFramingError extends Error {}

/**
 * The record bytes of a raw message (its frames concatenated, as the journal keeps them): frame
 * texts joined, with a CR added where an ETX ends a record that had none. Splitting the decoded
 * text at CR then gives the records (see AstmRecordSplitter for the rules): a CR byte is never part
 * of a multi-byte UTF-8 or Shift-JIS character, so the whole message is decoded at once.
 */
export function recordStreamOf(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length);
  let length = 0;
  let pos = 0;
  while (pos < raw.length) {
    if (raw[pos] !== STX) throw new AstmRawFramingError(`byte ${pos} is not STX`);
    // One pass finds the frame's end and sums its bytes (FN through ETB/ETX) for the checksum.
    let end = pos + 1;
    let sum = 0;
    const n = raw.length;
    for (; end < n; end++) {
      const b = raw[end]!;
      sum += b;
      if (b === ETX || b === ETB) break;
    }
    const trailer = end + 1;
    if (trailer + 4 > n || raw[trailer + 2] !== CR || raw[trailer + 3] !== LF) {
      throw new AstmRawFramingError(`frame at byte ${pos} is incomplete`);
    }
    const received = hexDigitValue(raw[trailer]!) * 16 + hexDigitValue(raw[trailer + 1]!);
    if (received !== (sum & 0xff)) throw new AstmRawFramingError(`frame at byte ${pos} has a wrong checksum`);
    const textStart = pos + 2;
    out.set(raw.subarray(textStart, end), length);
    length += end - textStart;
    if (raw[end] === ETX && end > textStart && raw[end - 1] !== CR) out[length++] = CR;
    pos = trailer + 4;
  }
  return out.subarray(0, length);
}

/** Splits decoded record-stream text into records: at CR, leading LFs dropped, empty ones skipped. */
export function splitRecords(text: string): string[] {
  const records: string[] = [];
  for (const piece of text.split('\r')) {
    let start = 0;
    while (start < piece.length && piece.charCodeAt(start) === LF) start++;
    if (start < piece.length) records.push(start === 0 ? piece : piece.slice(start));
  }
  return records;
}
