import { hexDigitValue } from './astm-checksum';
import * as control from './astm-control';

// Module-level copies: in CommonJS output (tsx, vitest) every use of an imported binding is a getter
// call, which the per-byte loops below would pay on every byte.
const { CR, ENQ, EOT, ETB, ETX, LF, STX } = control;

/** A structurally complete frame `STX FN text ETB|ETX C1 C2 CR LF`; its checksum may still be wrong. */
export interface AstmFrame {
  /**
   * The whole frame, STX through LF. Often a view into the pushed chunk: valid only while the
   * token is being handled; copy it to keep it.
   */
  bytes: Uint8Array;
  fn: number;
  /** ETX: the last frame of a record (or of several); ETB: the record continues in the next frame. */
  final: boolean;
  checksumOk: boolean;
  /** Computed / received checksum as hex, for rejection details. */
  expected: number;
  received: number;
}

/** What the sender's byte stream is made of, in order. */
export type AstmToken =
  | { type: 'enq' }
  | { type: 'eot' }
  | { type: 'frame'; frame: AstmFrame }
  | { type: 'bad-frame'; reason: 'framing' | 'truncated' | 'too-long'; detail: string; byteCount: number }
  | { type: 'noise'; byteCount: number };

/** Text offsets inside AstmFrame.bytes. */
export const FRAME_TEXT_START = 2;
export function frameTextEnd(frame: Uint8Array): number {
  return frame.length - 5;
}

/**
 * Real analyzers put every record into one frame, so the size limit is generous; it exists only so
 * garbage without a terminator cannot grow a buffer forever.
 */
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

const enum Mode { Outside, Body, Trailer }

/**
 * Splits the sender's byte stream into tokens, for any chunking: the same bytes give the same
 * tokens however they are cut, because every decision depends only on bytes already seen.
 * One pass per byte, no per-byte allocation; a frame is copied once when complete.
 */
export class AstmFrameScanner {
  private mode = Mode.Outside;
  private noise = 0;
  /** Pieces of the frame in progress that arrived in earlier chunks. */
  private parts: Uint8Array[] = [];
  private frameLength = 0;
  private sum = 0;
  private terminator = 0;
  private readonly trailer = new Uint8Array(4);
  private trailerLength = 0;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  push(input: Uint8Array, emit: (token: AstmToken) => void): void {
    // A plain view: subarrays of a Buffer would be Buffers, which cost more to create.
    const chunk = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.mode === Mode.Outside) i = this.scanOutside(chunk, i, emit);
      else if (this.mode === Mode.Body) i = this.scanBody(chunk, i, emit);
      else i = this.scanTrailer(chunk, i, emit);
    }
    if (this.mode !== Mode.Outside && this.pieceStart >= 0) {
      this.keep(chunk.subarray(this.pieceStart, n));
    }
    this.pieceStart = -1;
  }

  /** End of input: a frame still in progress was cut off; pending noise is reported. */
  end(emit: (token: AstmToken) => void): void {
    if (this.mode !== Mode.Outside) {
      emit({ type: 'bad-frame', reason: 'truncated', detail: 'frame cut off at end of input', byteCount: this.frameLength });
    }
    this.flushNoise(emit);
    this.reset();
  }

  /** Forget everything half-received (link reset or receiver timeout). */
  reset(): void {
    this.mode = Mode.Outside;
    this.noise = 0;
    this.clearFrame();
  }

  /** Bytes of the frame in progress (for timeout reports). */
  get pendingBytes(): number {
    return this.mode === Mode.Outside ? 0 : this.frameLength;
  }

  /** Where the current chunk's part of the frame in progress starts, or -1. */
  private pieceStart = -1;

  private scanOutside(chunk: Uint8Array, from: number, emit: (token: AstmToken) => void): number {
    const n = chunk.length;
    let i = from;
    while (i < n) {
      const b = chunk[i]!;
      if (b === STX || b === ENQ || b === EOT) break;
      i++;
    }
    this.noise += i - from;
    if (i === n) return n;
    this.flushNoise(emit);
    const b = chunk[i]!;
    if (b === ENQ) emit({ type: 'enq' });
    else if (b === EOT) emit({ type: 'eot' });
    else {
      this.mode = Mode.Body;
      this.frameLength = 1;
      this.sum = 0;
      this.pieceStart = i;
    }
    return i + 1;
  }

  private scanBody(chunk: Uint8Array, from: number, emit: (token: AstmToken) => void): number {
    if (this.pieceStart < 0) this.pieceStart = from;
    const room = this.maxFrameBytes - this.frameLength;
    const n = chunk.length;
    const limit = n - from > room ? from + room : n;
    let sum = this.sum;
    let i = from;
    let stop = -1;
    for (; i < limit; i++) {
      const b = chunk[i]!;
      if (b < 0x18) {
        if (b === ETX || b === ETB) { sum += b; stop = b; break; }
        if (b === STX || b === ENQ || b === EOT) { stop = b; break; }
      }
      sum += b;
    }
    this.sum = sum;
    if (stop === ETX || stop === ETB) {
      this.frameLength += i + 1 - from;
      this.terminator = stop;
      this.mode = Mode.Trailer;
      this.trailerLength = 0;
      return i + 1;
    }
    this.frameLength += i - from;
    if (stop >= 0) {
      emit({ type: 'bad-frame', reason: 'truncated', detail: 'frame interrupted before ETB/ETX', byteCount: this.frameLength });
      this.clearFrame();
      return i;
    }
    if (i < n) {
      emit({ type: 'bad-frame', reason: 'too-long', detail: `no ETB/ETX within ${this.maxFrameBytes} bytes`, byteCount: this.frameLength });
      this.clearFrame();
    }
    return i;
  }

  private scanTrailer(chunk: Uint8Array, from: number, emit: (token: AstmToken) => void): number {
    if (this.pieceStart < 0) this.pieceStart = from;
    let i = from;
    const n = chunk.length;
    while (i < n && this.trailerLength < 4) {
      const b = chunk[i]!;
      if (b === STX || b === ENQ || b === EOT) {
        emit({ type: 'bad-frame', reason: 'framing', detail: 'checksum or CR LF missing after ETB/ETX', byteCount: this.frameLength });
        this.clearFrame();
        return i;
      }
      this.trailer[this.trailerLength++] = b;
      this.frameLength++;
      i++;
    }
    if (this.trailerLength === 4) this.completeFrame(chunk, i, emit);
    return i;
  }

  private completeFrame(chunk: Uint8Array, end: number, emit: (token: AstmToken) => void): void {
    let bytes: Uint8Array;
    if (this.parts.length === 0) {
      bytes = chunk.subarray(this.pieceStart, end);
    } else {
      bytes = new Uint8Array(this.frameLength);
      let at = 0;
      for (const part of this.parts) { bytes.set(part, at); at += part.length; }
      bytes.set(chunk.subarray(this.pieceStart, end), at);
    }
    const t = this.trailer;
    const hi = hexDigitValue(t[0]!);
    const lo = hexDigitValue(t[1]!);
    const fnByte = bytes.length > 6 ? bytes[1]! : -1;
    const expected = this.sum & 0xff;
    const final = this.terminator === ETX;
    this.clearFrame();
    if (t[2] !== CR || t[3] !== LF || hi < 0 || lo < 0) {
      emit({ type: 'bad-frame', reason: 'framing', detail: 'frame does not end in two uppercase hex checksum characters and CR LF', byteCount: bytes.length });
    } else if (fnByte < 0x30 || fnByte > 0x37) {
      emit({ type: 'bad-frame', reason: 'framing', detail: 'frame number is not a digit 0-7', byteCount: bytes.length });
    } else {
      emit({ type: 'frame', frame: { bytes, fn: fnByte - 0x30, final, checksumOk: expected === hi * 16 + lo, expected, received: hi * 16 + lo } });
    }
  }

  private keep(piece: Uint8Array): void {
    if (piece.length === 0) return;
    // A copy: the caller may reuse its chunk buffer (Buffer#slice would only be a view).
    const copy = new Uint8Array(piece.length);
    copy.set(piece);
    this.parts.push(copy);
  }

  private clearFrame(): void {
    this.mode = Mode.Outside;
    this.parts = [];
    this.frameLength = 0;
    this.sum = 0;
    this.trailerLength = 0;
    this.pieceStart = -1;
  }

  private flushNoise(emit: (token: AstmToken) => void): void {
    if (this.noise > 0) {
      emit({ type: 'noise', byteCount: this.noise });
      this.noise = 0;
    }
  }
}
