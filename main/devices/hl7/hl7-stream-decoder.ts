import type { DecoderEvent, DecoderOptions, StreamDecoder } from '../driver';
import { MllpFrameDecoder, type MllpFrameEvent, type MllpFrameDecoderOptions } from './mllp-frame-decoder';
import { parseHl7, type Hl7Header } from './hl7-message-parser';
import { Hl7ParseError } from './hl7-parse-error';

/** The only message type a monitor sends us; anything else is answered AR. */
export const ACCEPTED_MESSAGE_TYPE = 'ORU^R01';

export type Hl7BlockOutcome =
  | { kind: 'message'; event: Extract<DecoderEvent, { kind: 'message' }>; header: Hl7Header }
  /** Parsed but not ORU^R01: `answer` tells whether the sender expects an ACK (never for an ACK). */
  | { kind: 'unsupported'; event: Extract<DecoderEvent, { kind: 'rejected' }>; header: Hl7Header; answer: boolean }
  | { kind: 'unparseable'; event: Extract<DecoderEvent, { kind: 'rejected' }>; error: Hl7ParseError };

/** Decides what one complete MLLP block is. Shared by the stream decoder and the link. */
export function classifyHl7Block(raw: Uint8Array, options: DecoderOptions): Hl7BlockOutcome {
  try {
    const { message, header } = parseHl7(raw, options);
    if (message.type !== ACCEPTED_MESSAGE_TYPE) {
      return {
        kind: 'unsupported',
        event: { kind: 'rejected', reason: 'unsupported', detail: `message type ${message.type || '(none)'} is not ${ACCEPTED_MESSAGE_TYPE}`, byteCount: raw.length },
        header,
        answer: !message.type.startsWith('ACK'),
      };
    }
    return { kind: 'message', event: { kind: 'message', raw, message }, header };
  } catch (error) {
    if (!(error instanceof Hl7ParseError)) throw error;
    return { kind: 'unparseable', event: { kind: 'rejected', reason: 'syntax', detail: error.message, byteCount: raw.length }, error };
  }
}

export function frameEventToDecoderEvent(e: Exclude<MllpFrameEvent, { kind: 'block' }>): Extract<DecoderEvent, { kind: 'rejected' }> {
  return { kind: 'rejected', reason: e.reason, detail: e.detail, byteCount: e.byteCount };
}

/** StreamDecoder for HL7 over MLLP: captures and the CLI; the live link uses the same parts. */
export function createHl7Decoder(options: DecoderOptions & MllpFrameDecoderOptions): StreamDecoder {
  const frames = new MllpFrameDecoder(options);
  const toEvents = (events: MllpFrameEvent[]): DecoderEvent[] => events.map((e) =>
    e.kind === 'block' ? classifyHl7Block(e.raw, options).event : frameEventToDecoderEvent(e));
  return {
    push: (chunk) => toEvents(frames.push(chunk)),
    end: () => toEvents(frames.end()),
  };
}
