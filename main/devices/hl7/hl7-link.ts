import type { Clock } from '../../ports/clock';
import type { DecoderEvent, LinkCallbacks, LinkLayer, LinkOptions } from '../driver';
import { buildHl7Ack, HL7_ERROR, type Hl7AckInput } from './hl7-ack-builder';
import { salvageControlId } from './hl7-message-parser';
import { classifyHl7Block, frameEventToDecoderEvent } from './hl7-stream-decoder';
import { MllpFrameDecoder, type MllpFrameEvent } from './mllp-frame-decoder';
import { formatHl7Timestamp } from './hl7-timestamp';

export interface Hl7LinkOptions extends LinkOptions {
  /** MSH-7 of our ACKs; the system clock by default. */
  clock?: Clock;
  /** MSH-10 of our ACKs; a per-link counter by default. */
  nextControlId?: () => string;
  maxBlockBytes?: number;
}

/**
 * The receiving side of HL7 over MLLP. Every block is answered in arrival order: AA once the
 * journal has the message (also for a resend it already had), AE when storing failed (the sender
 * resends), AR for what it must not resend (unreadable, or not an ORU^R01). A block arriving while
 * the previous one is being stored waits, so a pipelining sender gets its ACKs in order.
 */
export function createHl7Link(callbacks: LinkCallbacks, options: Hl7LinkOptions): LinkLayer {
  const clock = options.clock ?? { now: () => new Date() };
  let ackCount = 0;
  const nextControlId = options.nextControlId ?? (() => `ACK${clock.now().getTime().toString(36).toUpperCase()}${++ackCount}`);
  let frames = new MllpFrameDecoder(options);
  /** Bumped by reset(): answers to blocks of a closed connection are not written to the next one. */
  let generation = 0;
  let queue: Promise<void> = Promise.resolve();

  const ack = (input: Omit<Hl7AckInput, 'controlId' | 'timestamp' | 'encoding'>) => buildHl7Ack({
    ...input, controlId: nextControlId(), timestamp: formatHl7Timestamp(clock.now()), encoding: input.received?.encoding ?? options.encoding,
  });

  async function handleBlock(raw: Uint8Array, gen: number): Promise<void> {
    const write = (bytes: Uint8Array) => { if (gen === generation) callbacks.write(bytes); };
    const outcome = classifyHl7Block(raw, options);
    if (outcome.kind === 'unparseable') {
      callbacks.notice(outcome.event);
      write(ack({ code: 'AR', received: null, receivedControlId: salvageControlId(raw), error: { ...HL7_ERROR.segmentSequence, detail: outcome.error.message } }));
      return;
    }
    const { header } = outcome;
    if (outcome.kind === 'unsupported') {
      callbacks.notice(outcome.event);
      if (outcome.answer) {
        const error = header.messageType.startsWith('ORU') ? HL7_ERROR.unsupportedEvent : HL7_ERROR.unsupportedMessageType;
        write(ack({ code: 'AR', received: header, receivedControlId: header.controlIdRaw, error: { ...error, detail: header.messageType } }));
      }
      return;
    }
    const outcomeOfStore = await deliverSafely(outcome.event);
    if (outcomeOfStore.stored) {
      if (outcomeOfStore.duplicate) callbacks.notice({ kind: 'duplicate', detail: `message ${outcome.event.message.messageId ?? '(no id)'} was already stored` });
      write(ack({ code: 'AA', received: header, receivedControlId: header.controlIdRaw }));
    } else {
      write(ack({ code: 'AE', received: header, receivedControlId: header.controlIdRaw, error: { ...HL7_ERROR.internalError, detail: outcomeOfStore.reason } }));
    }
  }

  async function deliverSafely(event: Extract<DecoderEvent, { kind: 'message' }>) {
    try {
      return await callbacks.deliver(event);
    } catch (error) {
      return { stored: false as const, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  function handleFrameEvent(e: MllpFrameEvent, gen: number): void {
    if (e.kind === 'block') {
      queue = queue.then(() => handleBlock(e.raw, gen)).catch((error: unknown) => {
        callbacks.notice({ kind: 'rejected', reason: 'syntax', detail: `internal error handling a block: ${String(error)}`, byteCount: e.raw.length });
      });
      return;
    }
    callbacks.notice(frameEventToDecoderEvent(e));
    if (e.reason === 'too-long') {
      // The sender waits for an answer to this block; resending it would not help.
      const id = salvageControlId(e.head ?? new Uint8Array(0));
      queue = queue.then(() => {
        if (gen === generation) callbacks.write(ack({ code: 'AR', received: null, receivedControlId: id, error: { ...HL7_ERROR.segmentSequence, detail: e.detail } }));
      });
    }
  }

  return {
    receive(chunk) {
      for (const e of frames.push(chunk)) handleFrameEvent(e, generation);
    },
    reset() {
      for (const e of frames.end()) if (e.kind === 'rejected') callbacks.notice(frameEventToDecoderEvent(e));
      frames = new MllpFrameDecoder(options);
      generation += 1;
    },
  };
}
