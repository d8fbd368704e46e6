import { checksumToHex } from './astm-checksum';
import * as control from './astm-control';
import { type AstmFrame, FRAME_TEXT_START, frameTextEnd } from './astm-frame-scanner';
import { AstmRecordSplitter } from './astm-record-splitter';

// A module-level copy: in CommonJS output (tsx, vitest) every use of an imported binding is a getter call.
const { CR } = control;

/** What to do with a structurally complete frame. */
export type AstmFrameVerdict =
  | { kind: 'accept' }
  | { kind: 'duplicate'; detail: string }
  | { kind: 'reject'; reason: 'checksum' | 'sequence'; detail: string };

const ACCEPT: AstmFrameVerdict = Object.freeze({ kind: 'accept' });

/** Where the last accepted frame's bytes are (in the message buffer or in a taken message). */
interface FrameRef {
  buffer: Uint8Array;
  start: number;
  end: number;
}

export interface AstmAssemblerSnapshot {
  expectedFn: number;
  lastAccepted: FrameRef | null;
  length: number;
  streamLength: number;
  rejectedSinceAccept: boolean;
  splitter: ReturnType<AstmRecordSplitter['snapshot']>;
}

/**
 * The receiver's view of one E1381 session, shared by the passive decoder and the live link:
 * frame numbers (1..7,0,1.. restarting at each ENQ), retransmissions, and the accepted frames that
 * make up the message in progress (copied into one reusable buffer). It never writes or emits.
 */
export class AstmMessageAssembler {
  inSession = false;
  private expectedFn = 1;
  private lastAccepted: FrameRef | null = null;
  private buffer = new Uint8Array(4096);
  private length = 0;
  /** The message's record stream (frame texts joined, as recordStreamOf gives it from the raw bytes). */
  private stream = new Uint8Array(4096);
  private streamLength = 0;
  /** A frame was refused (or noise seen) after the last accepted one: the sender may have given up. */
  private rejectedSinceAccept = false;
  private splitter = new AstmRecordSplitter();

  /** ENQ: a new session. Returns the byte count of a message left incomplete by the old one. */
  startSession(): number {
    const dropped = this.discardMessage();
    this.inSession = true;
    this.expectedFn = 1;
    this.lastAccepted = null;
    this.rejectedSinceAccept = false;
    return dropped;
  }

  /**
   * EOT. A message still in progress is complete only if every record in it was ended and the
   * sender's last frame was accepted; otherwise the sender gave up (six NAKs, a timeout) and the
   * part received is dropped. Returns the raw message, or the dropped byte count.
   */
  endSession(): { raw: Uint8Array } | { dropped: number } {
    const clean = !this.rejectedSinceAccept && !this.splitter.recordOpen && this.splitter.closedCount > 0;
    const result = clean ? { raw: this.takeMessage() } : { dropped: this.discardMessage() };
    this.inSession = false;
    this.lastAccepted = null;
    this.rejectedSinceAccept = false;
    return result;
  }

  get hasPendingMessage(): boolean {
    return this.length > 0;
  }

  get pendingBytes(): number {
    return this.length;
  }

  judge(frame: AstmFrame): AstmFrameVerdict {
    if (!frame.checksumOk) {
      return { kind: 'reject', reason: 'checksum', detail: `frame ${frame.fn}: checksum ${checksumToHex(frame.received)}, computed ${checksumToHex(frame.expected)}` };
    }
    if (!this.inSession) return { kind: 'reject', reason: 'sequence', detail: `frame ${frame.fn} outside a session (no ENQ)` };
    if (frame.fn === this.expectedFn) return ACCEPT;
    if (this.lastAccepted && sameBytes(frame.bytes, this.lastAccepted)) {
      return { kind: 'duplicate', detail: `frame ${frame.fn} retransmitted (already accepted)` };
    }
    return { kind: 'reject', reason: 'sequence', detail: `frame number ${frame.fn}, expected ${this.expectedFn}` };
  }

  /** A refused frame or noise: until the next accepted frame, an EOT means the sender gave up. */
  noteRejection(): void {
    if (this.inSession) this.rejectedSinceAccept = true;
  }

  /** Takes an accepted frame; true when it completes a message (ends with an L record). */
  accept(frame: AstmFrame): boolean {
    const bytes = frame.bytes;
    this.ensureRoom(bytes.length);
    const start = this.length;
    this.buffer.set(bytes, start);
    this.length += bytes.length;
    this.expectedFn = (frame.fn + 1) & 7;
    this.lastAccepted = { buffer: this.buffer, start, end: this.length };
    this.rejectedSinceAccept = false;
    this.appendText(bytes, frame.final);
    return this.splitter.endsWithTerminator;
  }

  /**
   * The record stream of the message in progress: what recordStreamOf gives for the bytes
   * takeMessage returns, built from frames already checked. A view, valid until the next frame
   * is accepted (taking the message does not overwrite it).
   */
  get recordStream(): Uint8Array {
    return this.stream.subarray(0, this.streamLength);
  }

  /** The accepted frames of the message, concatenated (what the journal keeps); starts a new message. */
  takeMessage(): Uint8Array {
    const raw = copyOut(this.buffer, this.length);
    if (this.lastAccepted?.buffer === this.buffer) {
      this.lastAccepted = { buffer: raw, start: this.lastAccepted.start, end: this.lastAccepted.end };
    }
    this.clearMessage();
    return raw;
  }

  snapshot(): AstmAssemblerSnapshot {
    return {
      expectedFn: this.expectedFn,
      lastAccepted: this.lastAccepted,
      length: this.length,
      streamLength: this.streamLength,
      rejectedSinceAccept: this.rejectedSinceAccept,
      splitter: this.splitter.snapshot(),
    };
  }

  /**
   * Undo everything since the snapshot (a message the journal refused: its last frame is NAKed).
   * Valid as long as no frame was accepted in between: the buffer still holds the bytes.
   */
  restore(s: AstmAssemblerSnapshot): void {
    this.expectedFn = s.expectedFn;
    this.lastAccepted = s.lastAccepted;
    this.length = s.length;
    this.streamLength = s.streamLength;
    this.rejectedSinceAccept = s.rejectedSinceAccept;
    this.splitter.restore(s.splitter);
  }

  reset(): void {
    this.inSession = false;
    this.expectedFn = 1;
    this.lastAccepted = null;
    this.rejectedSinceAccept = false;
    this.clearMessage();
  }

  private ensureRoom(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /**
   * A frame's text onto the record stream, with the CR an ETX implies when the record had none;
   * the splitter follows the records in the same pass.
   */
  private appendText(frame: Uint8Array, final: boolean): void {
    const start = FRAME_TEXT_START;
    const end = frameTextEnd(frame);
    const size = end - start;
    if (this.streamLength + size + 1 > this.stream.length) {
      const grown = new Uint8Array(Math.max(this.stream.length * 2, this.streamLength + size + 1));
      grown.set(this.stream.subarray(0, this.streamLength));
      this.stream = grown;
    }
    const stream = this.stream;
    let at = this.splitter.addFrameCopying(frame, final, stream, this.streamLength);
    if (final && size > 0 && frame[end - 1] !== CR) stream[at++] = CR;
    this.streamLength = at;
  }

  private discardMessage(): number {
    const dropped = this.length;
    this.clearMessage();
    return dropped;
  }

  private clearMessage(): void {
    this.length = 0;
    this.streamLength = 0;
    this.splitter = new AstmRecordSplitter();
  }
}

/**
 * Raw messages are cut from shared blocks, as Buffer.allocUnsafe does from its pool: giving each
 * message its own ArrayBuffer (new Uint8Array, slice) costs more than parsing it.
 */
const SLAB_BYTES = 32 * 1024;
const POOLED_MAX_BYTES = 4 * 1024;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

function copyOut(source: Uint8Array, length: number): Uint8Array {
  let out: Uint8Array;
  if (length > POOLED_MAX_BYTES) {
    out = new Uint8Array(length);
  } else {
    if (slabUsed + length > slab.byteLength) {
      slab = new ArrayBuffer(SLAB_BYTES);
      slabUsed = 0;
    }
    out = new Uint8Array(slab, slabUsed, length);
    slabUsed += (length + 7) & ~7;
  }
  out.set(source.subarray(0, length));
  return out;
}

function sameBytes(a: Uint8Array, b: FrameRef): boolean {
  if (a.length !== b.end - b.start) return false;
  const buf = b.buffer;
  for (let i = 0, j = b.start; i < a.length; i++, j++) if (a[i] !== buf[j]) return false;
  return true;
}
