import type { DecoderEvent, DecoderOptions, StreamDecoder } from '../driver';
import { parseScaleLine } from './parse-scale-line';
import { CR, LF, SCALE_MAX_LINE_LENGTH } from './scale-line-format';

/**
 * Streaming decoder for A&D-style scale lines. A line ends at CR, LF or CR LF (the LF after a CR
 * is swallowed, even when it arrives in the next chunk); blank lines are ignored. `raw` is the
 * line without its terminator.
 */
export function createScaleDecoder(options: DecoderOptions): StreamDecoder {
  return new ScaleLineDecoder(options);
}

class ScaleLineDecoder implements StreamDecoder {
  private line: number[] = [];
  /** Bytes of the current line beyond the limit are counted, not kept. */
  private overLimit = 0;
  private afterCr = false;

  constructor(private readonly options: DecoderOptions) {}

  push(chunk: Uint8Array): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    for (const byte of chunk) {
      const swallow = this.afterCr && byte === LF;
      this.afterCr = byte === CR;
      if (swallow) continue;
      if (byte === CR || byte === LF) {
        this.finishLine(events);
      } else if (this.overLimit > 0 || this.line.length >= SCALE_MAX_LINE_LENGTH) {
        this.overLimit += 1;
      } else {
        this.line.push(byte);
      }
    }
    return events;
  }

  end(): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    const byteCount = this.line.length + this.overLimit;
    if (this.overLimit > 0) {
      events.push(this.tooLong());
    } else if (byteCount > 0) {
      events.push({ kind: 'rejected', reason: 'truncated', detail: `input ended inside a line (${byteCount} bytes, no terminator)`, byteCount });
    }
    this.line = [];
    this.overLimit = 0;
    this.afterCr = false;
    return events;
  }

  private finishLine(events: DecoderEvent[]): void {
    const bytes = this.line;
    const tooLong = this.overLimit > 0;
    if (tooLong) events.push(this.tooLong());
    this.line = [];
    this.overLimit = 0;
    if (tooLong || bytes.length === 0) return;
    const raw = Uint8Array.from(bytes);
    try {
      events.push({ kind: 'message', raw, message: parseScaleLine(raw, this.options) });
    } catch (error) {
      events.push({ kind: 'rejected', reason: 'syntax', detail: (error as Error).message, byteCount: raw.length });
    }
  }

  private tooLong(): DecoderEvent {
    const byteCount = this.line.length + this.overLimit;
    return {
      kind: 'rejected', reason: 'too-long',
      detail: `line longer than ${SCALE_MAX_LINE_LENGTH} bytes (${byteCount}) dropped`, byteCount,
    };
  }
}
