import type { DecoderOptions, DecoderEvent, StreamDecoder } from '../driver';
import { dedupeKeyOf } from '../dedupe-key';
import { driverFor } from '../drivers';
import type { DeviceProtocol } from '../../../common/domain/devices';
import { formatDuplicateLine, formatMessageLine, formatReadingLine, formatRejectedLine } from './json-lines';

/** Bytes handed to the decoder at a time, whatever size the input arrives in. */
export const DECODE_CHUNK_BYTES = 64 * 1024;

export interface DecodeLines {
  stdout: string;
  stderr: string;
}

export interface DecodeTally {
  bytes: number;
  messages: number;
  readings: number;
  rejected: number;
  duplicates: number;
}

/**
 * Runs one capture through a protocol's stream decoder and turns its events into output text.
 * Never throws on input bytes: a decoder that fails is reported and replaced by a fresh one, so
 * the rest of the capture still decodes. A message resent whole (a lab analyzer or HL7 sender
 * that missed our ACK) is reported once as a duplicate, keyed as the device journal keys it.
 */
export class CaptureDecoding {
  private decoder: StreamDecoder;
  private readonly seen = new Set<string>();
  readonly tally: DecodeTally = { bytes: 0, messages: 0, readings: 0, rejected: 0, duplicates: 0 };

  constructor(
    private readonly protocol: DeviceProtocol,
    private readonly options: DecoderOptions & { messages: boolean },
  ) {
    this.decoder = this.newDecoder();
  }

  push(chunk: Uint8Array): DecodeLines {
    const out: DecodeLines = { stdout: '', stderr: '' };
    for (let at = 0; at < chunk.length; at += DECODE_CHUNK_BYTES) {
      const piece = chunk.subarray(at, Math.min(chunk.length, at + DECODE_CHUNK_BYTES));
      this.tally.bytes += piece.length;
      this.run(out, piece.length, () => this.decoder.push(piece));
    }
    return out;
  }

  end(): DecodeLines {
    const out: DecodeLines = { stdout: '', stderr: '' };
    this.run(out, 0, () => this.decoder.end());
    return out;
  }

  private newDecoder(): StreamDecoder {
    return driverFor(this.protocol).createDecoder({ encoding: this.options.encoding, codeMap: this.options.codeMap });
  }

  private run(out: DecodeLines, byteCount: number, step: () => DecoderEvent[]): void {
    let events: DecoderEvent[];
    try {
      events = step();
    } catch (error) {
      this.tally.rejected += 1;
      out.stderr += `error: the ${this.protocol} decoder failed (${errorText(error)}); restarting it after these ${byteCount} bytes\n`;
      this.decoder = this.newDecoder();
      return;
    }
    for (const event of events) this.report(out, event);
  }

  private report(out: DecodeLines, event: DecoderEvent): void {
    switch (event.kind) {
      case 'rejected':
        this.tally.rejected += 1;
        out.stderr += formatRejectedLine(event);
        return;
      case 'duplicate':
        this.tally.duplicates += 1;
        out.stderr += formatDuplicateLine(event.detail);
        return;
      case 'message': {
        const { message, raw } = event;
        const key = dedupeKeyOf(this.protocol, raw, message);
        if (key !== null && this.seen.has(key)) {
          this.tally.duplicates += 1;
          out.stderr += formatDuplicateLine(`message ${message.messageId ?? '(no id)'} resent (already decoded, ${raw.length} bytes)`);
          return;
        }
        if (key !== null) this.seen.add(key);
        try {
          out.stdout += this.options.messages ? formatMessageLine(message) : message.readings.map(formatReadingLine).join('');
        } catch (error) {
          this.tally.rejected += 1;
          out.stderr += `error: message ${message.messageId ?? '(no id)'} cannot be printed as JSON (${errorText(error)})\n`;
          return;
        }
        this.tally.messages += 1;
        this.tally.readings += message.readings.length;
      }
    }
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function formatDecodeSummary(t: DecodeTally): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `decoded ${plural(t.messages, 'message')} (${plural(t.readings, 'reading')}) from ${plural(t.bytes, 'byte')}; `
    + `${t.rejected} rejected, ${plural(t.duplicates, 'duplicate')}\n`;
}
