import type { RejectReason } from '../driver';

/** MLLP block delimiters: VT starts a block, FS CR ends it. */
export const MLLP_START = 0x0b;
export const MLLP_END = 0x1c;
export const MLLP_TRAILER = 0x0d;

/** Far above any vital-signs ORU (a few hundred bytes) and any lab ORU we expect. */
export const MLLP_MAX_BLOCK_BYTES = 1024 * 1024;

/** How many leading bytes of a rejected block are kept, so a link can still salvage MSH-10. */
const HEAD_BYTES = 1024;

export type MllpFrameEvent =
  /** The bytes between VT and FS, copied out of the input chunks. */
  | { kind: 'block'; raw: Uint8Array }
  | {
    kind: 'rejected';
    reason: Extract<RejectReason, 'noise' | 'framing' | 'truncated' | 'too-long'>;
    detail: string;
    byteCount: number;
    /** The first bytes of a rejected block (not of noise), for salvaging the control id. */
    head?: Uint8Array;
  };

export interface MllpFrameDecoderOptions {
  maxBlockBytes?: number;
}

type State = 'outside' | 'inside' | 'oversized';

/**
 * Cuts a byte stream into MLLP blocks. Chunk boundaries never matter: the same bytes in any
 * chunking yield the same events. A block ends at FS; the CR after it is consumed when it comes
 * (a missing CR is tolerated, some gateways drop it). Noise is reported once per run, when the
 * run ends, so a run split over several reads is still one rejection.
 */
export class MllpFrameDecoder {
  private readonly maxBlockBytes: number;
  private state: State = 'outside';
  private parts: Buffer[] = [];
  private blockBytes = 0;
  private noiseBytes = 0;
  /** The previous block ended on FS and the trailing CR has not been seen yet. */
  private expectTrailer = false;
  private head: Buffer | null = null;

  constructor(options: MllpFrameDecoderOptions = {}) {
    this.maxBlockBytes = options.maxBlockBytes ?? MLLP_MAX_BLOCK_BYTES;
  }

  push(chunk: Uint8Array): MllpFrameEvent[] {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const events: MllpFrameEvent[] = [];
    let pos = 0;
    if (this.expectTrailer && buf.length > 0) {
      this.expectTrailer = false;
      if (buf[0] === MLLP_TRAILER) pos = 1;
    }
    while (pos < buf.length) {
      if (this.state === 'outside') pos = this.scanOutside(buf, pos, events);
      else if (this.state === 'inside') pos = this.scanInside(buf, pos, events);
      else pos = this.scanOversized(buf, pos, events);
    }
    return events;
  }

  end(): MllpFrameEvent[] {
    const events: MllpFrameEvent[] = [];
    this.flushNoise(events);
    if (this.state === 'inside') {
      events.push(this.blockRejection('truncated', 'the stream ended inside an MLLP block (no FS CR)'));
    } else if (this.state === 'oversized') {
      events.push(this.tooLong());
    }
    this.clearBlock();
    this.state = 'outside';
    this.expectTrailer = false;
    return events;
  }

  private scanOutside(buf: Buffer, pos: number, events: MllpFrameEvent[]): number {
    const start = buf.indexOf(MLLP_START, pos);
    if (start < 0) {
      this.noiseBytes += buf.length - pos;
      return buf.length;
    }
    this.noiseBytes += start - pos;
    this.flushNoise(events);
    this.state = 'inside';
    return start + 1;
  }

  private scanInside(buf: Buffer, pos: number, events: MllpFrameEvent[]): number {
    const endAt = buf.indexOf(MLLP_END, pos);
    const stop = endAt < 0 ? buf.length : endAt;
    const restart = buf.subarray(pos, stop).indexOf(MLLP_START);
    const segmentEnd = restart >= 0 ? pos + restart : stop;
    const fits = this.blockBytes + (segmentEnd - pos) <= this.maxBlockBytes;
    this.take(buf, pos, segmentEnd, fits);
    if (!fits) this.state = 'oversized';
    if (restart >= 0) {
      // The sender gave up on a block and started another: the first one is incomplete.
      events.push(fits
        ? this.blockRejection('framing', 'a new MLLP block started (VT) before the previous one ended (FS CR)')
        : this.tooLong());
      this.clearBlock();
      this.state = 'inside';
      return segmentEnd + 1;
    }
    if (endAt < 0) return buf.length;
    events.push(fits ? { kind: 'block', raw: this.takeBlock() } : this.tooLong());
    this.clearBlock();
    this.state = 'outside';
    return this.skipTrailer(buf, endAt + 1);
  }

  /** Counts the rest of an oversized block without keeping it, up to its FS or the next VT. */
  private scanOversized(buf: Buffer, pos: number, events: MllpFrameEvent[]): number {
    const endAt = buf.indexOf(MLLP_END, pos);
    const stop = endAt < 0 ? buf.length : endAt;
    const restart = buf.subarray(pos, stop).indexOf(MLLP_START);
    const segmentEnd = restart >= 0 ? pos + restart : stop;
    this.take(buf, pos, segmentEnd, false);
    if (restart < 0 && endAt < 0) return buf.length;
    events.push(this.tooLong());
    this.clearBlock();
    if (restart >= 0) {
      this.state = 'inside';
      return segmentEnd + 1;
    }
    this.state = 'outside';
    return this.skipTrailer(buf, endAt + 1);
  }

  private skipTrailer(buf: Buffer, pos: number): number {
    if (pos >= buf.length) {
      this.expectTrailer = true;
      return pos;
    }
    return buf[pos] === MLLP_TRAILER ? pos + 1 : pos;
  }

  /**
   * Counts block bytes and keeps them while the block still fits. Its first bytes (for salvaging
   * the control id) are copied only when the kept bytes are dropped: until then they are in parts.
   */
  private take(buf: Buffer, from: number, to: number, keep: boolean): void {
    if (to <= from) return;
    const slice = buf.subarray(from, to);
    if (keep) {
      this.parts.push(slice);
    } else {
      if (this.parts.length > 0) {
        this.head = this.currentHead();
        this.parts = [];
      }
      const have = this.head?.length ?? 0;
      if (have < HEAD_BYTES) {
        const more = slice.subarray(0, HEAD_BYTES - have);
        this.head = this.head ? Buffer.concat([this.head, more]) : Buffer.from(more);
      }
    }
    this.blockBytes += slice.length;
  }

  /** The block's first bytes (at most HEAD_BYTES), copied; null when nothing was received. */
  private currentHead(): Buffer | null {
    if (this.parts.length === 0) return this.head;
    const pieces = this.head ? [this.head, ...this.parts] : this.parts;
    const total = pieces.reduce((sum, p) => sum + p.length, 0);
    return Buffer.concat(pieces, Math.min(total, HEAD_BYTES));
  }

  /** A copy: the caller's chunks may be reused by the transport, the journal keeps this. */
  private takeBlock(): Uint8Array {
    return this.parts.length === 1 ? Buffer.from(this.parts[0]!) : Buffer.concat(this.parts, this.blockBytes);
  }

  private clearBlock(): void {
    this.parts = [];
    this.blockBytes = 0;
    this.head = null;
  }

  private blockRejection(reason: 'framing' | 'truncated' | 'too-long', detail: string): MllpFrameEvent {
    return { kind: 'rejected', reason, detail, byteCount: this.blockBytes, head: this.currentHead() ?? new Uint8Array(0) };
  }

  private tooLong(): MllpFrameEvent {
    return this.blockRejection('too-long', `MLLP block longer than ${this.maxBlockBytes} bytes`);
  }

  private flushNoise(events: MllpFrameEvent[]): void {
    if (this.noiseBytes === 0) return;
    events.push({ kind: 'rejected', reason: 'noise', detail: `${this.noiseBytes} byte(s) outside an MLLP block`, byteCount: this.noiseBytes });
    this.noiseBytes = 0;
  }
}

export function createMllpFrameDecoder(options?: MllpFrameDecoderOptions): MllpFrameDecoder {
  return new MllpFrameDecoder(options);
}
