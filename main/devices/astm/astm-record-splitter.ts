import * as control from './astm-control';
import { FRAME_TEXT_START, frameTextEnd } from './astm-frame-scanner';

// Module-level copies: in CommonJS output (tsx, vitest) every use of an imported binding is a getter call.
const { CR, LF } = control;

/**
 * Where records end, tracked frame by frame without copying: records end at CR; ETB means the
 * record continues in the next frame; ETX also ends a record (some analyzers omit the last CR).
 * LFs at a record's start are dropped and empty records ignored. astm-record-stream applies the
 * same rules when the parser collects the records' bytes.
 */
export class AstmRecordSplitter {
  /** A record has begun (a non-LF byte seen) and is not yet ended. */
  recordOpen = false;
  /** First byte (record type) of the open record. */
  private openType = 0;
  closedCount = 0;
  lastClosedType = 0;

  /** Feeds one frame's text. */
  addFrame(frame: Uint8Array, final: boolean): void {
    const end = frameTextEnd(frame);
    let pos = FRAME_TEXT_START;
    for (;;) {
      let cr = frame.indexOf(CR, pos);
      if (cr >= end) cr = -1;
      const segmentEnd = cr < 0 ? end : cr;
      if (!this.recordOpen) {
        while (pos < segmentEnd && frame[pos] === LF) pos++;
        if (pos < segmentEnd) {
          this.recordOpen = true;
          this.openType = frame[pos]!;
        }
      }
      if (cr < 0) break;
      this.closeRecord();
      pos = cr + 1;
    }
    if (final) this.closeRecord();
  }

  /**
   * addFrame, also copying the frame's text to `out` at `at` (the record stream, see
   * astm-record-stream): one pass over the bytes for both. Returns where the copied text ends.
   */
  addFrameCopying(frame: Uint8Array, final: boolean, out: Uint8Array, at: number): number {
    const end = frameTextEnd(frame);
    let open = this.recordOpen;
    for (let i = FRAME_TEXT_START; i < end; i++) {
      const b = frame[i]!;
      out[at++] = b;
      if (b === CR) {
        if (open) {
          open = false;
          this.closedCount++;
          this.lastClosedType = this.openType;
        }
      } else if (!open && b !== LF) {
        open = true;
        this.openType = b;
      }
    }
    this.recordOpen = open;
    if (final) this.closeRecord();
    return at;
  }

  /** The records so far end with a complete L (terminator) record. */
  get endsWithTerminator(): boolean {
    return !this.recordOpen && this.closedCount > 0 && this.lastClosedType === 0x4c;
  }

  snapshot(): { recordOpen: boolean; openType: number; closedCount: number; lastClosedType: number } {
    return { recordOpen: this.recordOpen, openType: this.openType, closedCount: this.closedCount, lastClosedType: this.lastClosedType };
  }

  restore(s: ReturnType<AstmRecordSplitter['snapshot']>): void {
    this.recordOpen = s.recordOpen;
    this.openType = s.openType;
    this.closedCount = s.closedCount;
    this.lastClosedType = s.lastClosedType;
  }

  private closeRecord(): void {
    if (!this.recordOpen) return;
    this.recordOpen = false;
    this.closedCount++;
    this.lastClosedType = this.openType;
  }
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
