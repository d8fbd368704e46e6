import type { DecoderEvent, DecoderOptions, RejectReason, StreamDecoder } from '../driver';
import {
  isNoninSyncFrame, NONIN_FRAME_LENGTH, NONIN_FRAME_START, NONIN_FRAMES_PER_PACKET, NONIN_PACKET_LENGTH,
  NONIN_STATUS, noninFrameProblem,
} from './nonin-frame';
import { parseNoninPacket } from './parse-nonin-packet';

/**
 * A noise run is reported when it ends, or every this many bytes so a device on the wrong baud
 * rate shows up in the status while it is still sending garbage.
 */
export const NONIN_NOISE_REPORT_BYTES = 1024;

/** Streaming decoder for Nonin data format #2: bytes in any chunking -> one message per packet. */
export function createNoninDecoder(options: DecoderOptions): StreamDecoder {
  return new NoninPacketDecoder(options);
}

/**
 * Two states: searching byte by byte for a valid SYNC frame, or collecting the 24 frames that
 * follow it. When a frame in a packet fails, the partial packet is rejected and the search starts
 * again one byte after where that packet began, so a false SYNC found in noise can never hide the
 * real packet that follows it. Bytes before `reportedTo` were already counted in a rejection and
 * are not counted again as noise.
 */
class NoninPacketDecoder implements StreamDecoder {
  private buffer = new Uint8Array(0);
  private start = 0;
  private frames = 0;
  private reportedTo = 0;
  private noise = 0;

  constructor(private readonly options: DecoderOptions) {}

  push(chunk: Uint8Array): DecoderEvent[] {
    this.append(chunk);
    const events: DecoderEvent[] = [];
    while (this.frames === 0 ? this.search(events) : this.collect(events)) { /* until more bytes are needed */ }
    this.compact();
    return events;
  }

  end(): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    const leftover = this.buffer.subarray(this.start);
    if (this.frames > 0 || looksLikeFrameStart(leftover)) {
      this.flushNoise(events);
      const byteCount = this.unreported(this.buffer.length);
      events.push(rejected('truncated', `input ended inside a packet (${this.frames} of ${NONIN_FRAMES_PER_PACKET} frames)`, byteCount));
    } else {
      this.noise += this.unreported(this.buffer.length);
      this.flushNoise(events);
    }
    this.buffer = new Uint8Array(0);
    this.start = 0;
    this.frames = 0;
    this.reportedTo = 0;
    return events;
  }

  /** Looks for a SYNC frame at `start`; returns false when more bytes are needed. */
  private search(events: DecoderEvent[]): boolean {
    if (this.buffer.length - this.start < NONIN_FRAME_LENGTH) return false;
    if (isNoninSyncFrame(this.buffer, this.start)) {
      this.flushNoise(events);
      this.frames = 1;
      return true;
    }
    if (this.start >= this.reportedTo) {
      this.noise += 1;
      if (this.noise >= NONIN_NOISE_REPORT_BYTES) this.flushNoise(events);
    }
    this.start += 1;
    return true;
  }

  /** Checks the next frame of the packet at `start`; returns false when more bytes are needed. */
  private collect(events: DecoderEvent[]): boolean {
    const at = this.start + this.frames * NONIN_FRAME_LENGTH;
    if (this.buffer.length - at < NONIN_FRAME_LENGTH) return false;
    const problem = noninFrameProblem(this.buffer, at)
      ?? (((this.buffer[at + 1] ?? 0) & NONIN_STATUS.sync) !== 0 ? 'sync' : null);
    if (problem === null) {
      this.frames += 1;
      if (this.frames === NONIN_FRAMES_PER_PACKET) this.emitPacket(events);
      return true;
    }
    const reason: RejectReason = problem === 'sync' ? 'truncated' : problem;
    const detail = problem === 'sync'
      ? `packet cut short: a new SYNC frame came after ${this.frames} frames`
      : `${problem === 'checksum' ? 'bad checksum' : 'not a frame'} at frame ${this.frames + 1}; partial packet dropped`;
    const byteCount = this.unreported(at);
    if (byteCount > 0) events.push(rejected(reason, detail, byteCount));
    this.start += 1;
    this.frames = 0;
    return true;
  }

  private emitPacket(events: DecoderEvent[]): void {
    const end = this.start + NONIN_PACKET_LENGTH;
    const raw = this.buffer.slice(this.start, end);
    events.push({ kind: 'message', raw, message: parseNoninPacket(raw, this.options) });
    this.reportedTo = Math.max(this.reportedTo, end);
    this.start = end;
    this.frames = 0;
  }

  /** Counts the bytes from `start` to `to` not yet reported, and marks them reported. */
  private unreported(to: number): number {
    const count = Math.max(0, to - Math.max(this.start, this.reportedTo));
    this.reportedTo = Math.max(this.reportedTo, to);
    return count;
  }

  private flushNoise(events: DecoderEvent[]): void {
    if (this.noise === 0) return;
    events.push(rejected('noise', `skipped ${this.noise} bytes looking for a SYNC frame`, this.noise));
    this.noise = 0;
  }

  private append(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buffer.length + chunk.length);
    next.set(this.buffer);
    next.set(chunk, this.buffer.length);
    this.buffer = next;
  }

  private compact(): void {
    if (this.start === 0) return;
    this.buffer = this.buffer.slice(this.start);
    this.reportedTo = Math.max(0, this.reportedTo - this.start);
    this.start = 0;
  }
}

function looksLikeFrameStart(bytes: Uint8Array): boolean {
  const sync = NONIN_STATUS.alwaysSet | NONIN_STATUS.sync;
  return bytes[0] === NONIN_FRAME_START && (bytes.length < 2 || ((bytes[1] ?? 0) & sync) === sync);
}

function rejected(reason: RejectReason, detail: string, byteCount: number): DecoderEvent {
  return { kind: 'rejected', reason, detail, byteCount };
}
