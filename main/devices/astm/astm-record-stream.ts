import { astmChecksum, hexDigitValue } from './astm-checksum';
import { CR, ETB, ETX, LF, STX } from './astm-control';

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
    let end = pos + 1;
    while (end < raw.length && raw[end] !== ETX && raw[end] !== ETB) end++;
    const trailer = end + 1;
    if (trailer + 4 > raw.length || raw[trailer + 2] !== CR || raw[trailer + 3] !== LF) {
      throw new AstmRawFramingError(`frame at byte ${pos} is incomplete`);
    }
    const received = hexDigitValue(raw[trailer]!) * 16 + hexDigitValue(raw[trailer + 1]!);
    if (received !== astmChecksum(raw, pos + 1, trailer)) throw new AstmRawFramingError(`frame at byte ${pos} has a wrong checksum`);
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
