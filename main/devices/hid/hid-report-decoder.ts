import type { DecoderEvent, DecoderOptions, StreamDecoder } from '../driver';
import { HID_REPORT_LENGTH } from './bp-report-layout';
import { parseBpReport } from './parse-bp-report';
import { HidReportError } from './read-bp-report';

/**
 * Streaming decoder for fixed-length HID input reports back to back (how the USB adapter feeds
 * them and how `decode --protocol hid` capture files store them). A report has no framing of its
 * own, so the stream is cut every HID_REPORT_LENGTH bytes; a partial report at end() is truncated.
 */
export function createHidDecoder(options: DecoderOptions): StreamDecoder {
  return new HidReportDecoder(options);
}

class HidReportDecoder implements StreamDecoder {
  private pending = new Uint8Array(0);

  constructor(private readonly options: DecoderOptions) {}

  push(chunk: Uint8Array): DecoderEvent[] {
    const bytes = new Uint8Array(this.pending.length + chunk.length);
    bytes.set(this.pending);
    bytes.set(chunk, this.pending.length);
    const events: DecoderEvent[] = [];
    let at = 0;
    for (; at + HID_REPORT_LENGTH <= bytes.length; at += HID_REPORT_LENGTH) {
      events.push(this.decodeReport(bytes.slice(at, at + HID_REPORT_LENGTH)));
    }
    this.pending = bytes.slice(at);
    return events;
  }

  end(): DecoderEvent[] {
    const byteCount = this.pending.length;
    this.pending = new Uint8Array(0);
    if (byteCount === 0) return [];
    return [{
      kind: 'rejected', reason: 'truncated', byteCount,
      detail: `input ended inside a report (${byteCount} of ${HID_REPORT_LENGTH} bytes)`,
    }];
  }

  private decodeReport(raw: Uint8Array): DecoderEvent {
    try {
      return { kind: 'message', raw, message: parseBpReport(raw, this.options) };
    } catch (error) {
      if (!(error instanceof HidReportError)) throw error;
      return { kind: 'rejected', reason: error.reason, detail: error.message, byteCount: raw.length };
    }
  }
}
