import type { TextEncoding } from '../../../common/domain/devices';
import { astmChecksum } from './astm-checksum';
import { CR, ENQ, EOT, ETB, ETX, LF, MAX_FRAME_TEXT, STX } from './astm-control';
import { concatBytes } from './astm-record-splitter';
import { encodeAstmText } from './astm-text-codec';

export interface AstmEncodeOptions {
  encoding: TextEncoding;
  /** Frame text limit in bytes; a longer record continues in ETB frames. E1381: 240. */
  maxFrameText?: number;
  /** Frame number of the first frame (1 after ENQ); later frames count on modulo 8. */
  firstFn?: number;
  /** Every record in one ETX frame, CR-separated, ignoring maxFrameText: what some analyzers do. */
  singleFrame?: boolean;
}

/** One frame `STX FN text ETB|ETX C1 C2 CR LF`. */
export function encodeAstmFrame(fn: number, text: Uint8Array, final: boolean): Uint8Array {
  const frame = new Uint8Array(text.length + 7);
  frame[0] = STX;
  frame[1] = 0x30 + (fn & 7);
  frame.set(text, 2);
  const end = text.length + 2;
  frame[end] = final ? ETX : ETB;
  const sum = astmChecksum(frame, 1, end + 1);
  frame[end + 1] = hexChar(sum >> 4);
  frame[end + 2] = hexChar(sum & 0xf);
  frame[end + 3] = CR;
  frame[end + 4] = LF;
  return frame;
}

function hexChar(v: number): number {
  return v < 10 ? 0x30 + v : 0x37 + v;
}

/**
 * A message's frames, as an E1381 sender transmits them: each record (text without its CR) in its
 * own frame, split into ETB frames of maxFrameText bytes when longer.
 */
export function encodeAstmFrames(records: readonly string[], options: AstmEncodeOptions): Uint8Array[] {
  let fn = options.firstFn ?? 1;
  const frames: Uint8Array[] = [];
  const recordBytes = records.map((r) => concatBytes([encodeAstmText(r, options.encoding), Uint8Array.of(CR)]));
  if (options.singleFrame) return [encodeAstmFrame(fn, concatBytes(recordBytes), true)];
  const max = Math.max(1, options.maxFrameText ?? MAX_FRAME_TEXT);
  for (const bytes of recordBytes) {
    for (let at = 0; at < bytes.length; at += max) {
      const final = at + max >= bytes.length;
      frames.push(encodeAstmFrame(fn, bytes.subarray(at, Math.min(at + max, bytes.length)), final));
      fn = (fn + 1) & 7;
    }
  }
  return frames;
}

/** The sender's frames for one message, concatenated (no ENQ/EOT): what the decoder's `raw` holds. */
export function encodeAstmMessage(records: readonly string[], options: AstmEncodeOptions): Uint8Array {
  return concatBytes(encodeAstmFrames(records, options));
}

/**
 * A whole E1381 session as a capture file holds it: ENQ, the frames of each message (frame numbers
 * running on across messages), EOT.
 */
export function buildAstmSession(messages: readonly (readonly string[])[], options: AstmEncodeOptions): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(ENQ)];
  let fn = options.firstFn ?? 1;
  for (const records of messages) {
    const frames = encodeAstmFrames(records, { ...options, firstFn: fn });
    parts.push(...frames);
    fn = (fn + frames.length) & 7;
  }
  parts.push(Uint8Array.of(EOT));
  return concatBytes(parts);
}
