import type { DecoderEvent, DecoderOptions, StreamDecoder } from '../driver';
import { AstmFrameScanner, type AstmToken } from './astm-frame-scanner';
import { AstmMessageAssembler } from './astm-message-assembler';
import { AstmParseError, parseAstmMessage, parseAstmRecordStream } from './astm-message-parser';

export interface AstmDecoderOptions extends DecoderOptions {
  maxFrameBytes?: number;
}

/**
 * Passive decoder of an analyzer's byte stream as a capture file holds it (the sender's side only:
 * ENQ, frames, EOT, without the host's ACK/NAK). Works for any chunking; see astm-frame-scanner for
 * framing, astm-message-assembler for frame numbers and retransmissions.
 */
export function createAstmDecoder(options: AstmDecoderOptions): StreamDecoder {
  const scanner = new AstmFrameScanner(options.maxFrameBytes);
  const assembler = new AstmMessageAssembler();
  let out: DecoderEvent[] = [];

  const onToken = (token: AstmToken): void => {
    switch (token.type) {
      case 'noise':
        // In a session, noise is most likely a frame whose STX was lost: not a clean end any more.
        assembler.noteRejection();
        out.push({ kind: 'rejected', reason: 'noise', detail: `${token.byteCount} bytes outside frames`, byteCount: token.byteCount });
        return;
      case 'bad-frame':
        assembler.noteRejection();
        out.push({ kind: 'rejected', reason: token.reason, detail: token.detail, byteCount: token.byteCount });
        return;
      case 'enq': {
        const dropped = assembler.startSession();
        if (dropped > 0) out.push(incomplete('new session (ENQ) before the message was complete', dropped));
        return;
      }
      case 'eot': {
        // Taken before the session ends: a view that stays valid until the next accepted frame.
        const stream = assembler.recordStream;
        const ended = assembler.endSession();
        if ('raw' in ended) emitMessage(ended.raw, stream);
        else if (ended.dropped > 0) out.push(incomplete('session ended (EOT) with an incomplete message', ended.dropped));
        return;
      }
      case 'frame': {
        const verdict = assembler.judge(token.frame);
        if (verdict.kind === 'reject') {
          assembler.noteRejection();
          out.push({ kind: 'rejected', reason: verdict.reason, detail: verdict.detail, byteCount: token.frame.bytes.length });
        } else if (verdict.kind === 'duplicate') {
          out.push({ kind: 'duplicate', detail: verdict.detail });
        } else if (assembler.accept(token.frame)) {
          const stream = assembler.recordStream;
          emitMessage(assembler.takeMessage(), stream);
        }
      }
    }
  };

  // The frames were checked as they came: the parser reads the record stream the assembler built
  // from them instead of checking the raw bytes again (parse(raw) gives the same message).
  const emitMessage = (raw: Uint8Array, stream: Uint8Array): void => {
    try {
      out.push({ kind: 'message', raw, message: parseAstmRecordStream(stream, options) });
    } catch (e) {
      if (e instanceof AstmParseError) out.push({ kind: 'rejected', reason: e.reason, detail: e.message, byteCount: raw.length });
      else throw e;
    }
  };

  const drain = (): DecoderEvent[] => {
    const events = out;
    out = [];
    return events;
  };

  return {
    push(chunk) {
      scanner.push(chunk, onToken);
      return drain();
    },
    end() {
      scanner.end(onToken);
      if (assembler.hasPendingMessage) out.push(incomplete('input ended with an incomplete message', assembler.pendingBytes));
      assembler.reset();
      return drain();
    },
  };
}

/** A complete message's raw bytes as a decoder event: the message, or why it cannot be read. */
export function decodeAstmMessageEvent(raw: Uint8Array, options: DecoderOptions): DecoderEvent {
  try {
    return { kind: 'message', raw, message: parseAstmMessage(raw, options) };
  } catch (e) {
    if (e instanceof AstmParseError) return { kind: 'rejected', reason: e.reason, detail: e.message, byteCount: raw.length };
    throw e;
  }
}

function incomplete(detail: string, byteCount: number): DecoderEvent {
  return { kind: 'rejected', reason: 'truncated', detail, byteCount };
}
