import type { TimerHandle } from '../../ports/timers';
import type { DecoderEvent, DeliveryOutcome, LinkCallbacks, LinkLayer, LinkOptions } from '../driver';
import { ACK_BYTES, NAK_BYTES, RECEIVER_FRAME_TIMEOUT_MS } from './astm-control';
import { decodeAstmMessageEvent } from './astm-frame-decoder';
import { type AstmFrame, AstmFrameScanner, type AstmToken } from './astm-frame-scanner';
import { type AstmAssemblerSnapshot, AstmMessageAssembler } from './astm-message-assembler';

export interface AstmLinkOptions extends LinkOptions {
  /** E1381 receiver timeout: a session with no frame for this long is abandoned. */
  receiverTimeoutMs?: number;
  maxFrameBytes?: number;
}

type MessageEvent = Extract<DecoderEvent, { kind: 'message' }>;

/**
 * The receiver side of E1381, which the workstation plays: ACK the ENQ, ACK or NAK each frame,
 * and hold back the ACK of a message's last frame until the journal has stored the message
 * (NAK if it could not: the analyzer sends the frame again).
 */
export function createAstmLink(callbacks: LinkCallbacks, options: AstmLinkOptions): LinkLayer {
  const timeoutMs = options.receiverTimeoutMs ?? RECEIVER_FRAME_TIMEOUT_MS;
  const scanner = new AstmFrameScanner(options.maxFrameBytes);
  const assembler = new AstmMessageAssembler();
  let timer: TimerHandle | null = null;
  /** Bumped by reset(): a delivery that resolves afterwards must not answer anything. */
  let generation = 0;
  /** A message being stored; fn is its last frame's number (null when EOT completed it). */
  let delivery: { fn: number | null; senderGone: boolean } | null = null;

  const stopTimer = (): void => {
    timer?.cancel();
    timer = null;
  };
  const restartTimer = (): void => {
    stopTimer();
    timer = options.timers.after(timeoutMs, onTimeout);
  };
  const onTimeout = (): void => {
    timer = null;
    if (delivery) return;
    const byteCount = assembler.pendingBytes + scanner.pendingBytes;
    scanner.reset();
    assembler.reset();
    callbacks.notice({ kind: 'rejected', reason: 'timeout', detail: `no frame for ${timeoutMs / 1000} s: session abandoned`, byteCount });
  };

  const reject = (reason: Extract<DecoderEvent, { kind: 'rejected' }>['reason'], detail: string, byteCount: number): void => {
    callbacks.notice({ kind: 'rejected', reason, detail, byteCount });
  };

  /** While a message is being stored the sender waits for our answer; we only refuse new sessions. */
  const whileDelivering = (token: AstmToken, current: { fn: number | null; senderGone: boolean }): void => {
    if (token.type === 'enq') callbacks.write(NAK_BYTES);
    else if (token.type === 'eot') current.senderGone = true;
    else if (token.type === 'noise') reject('noise', `${token.byteCount} bytes outside frames`, token.byteCount);
    else if (token.type === 'bad-frame') reject(token.reason, token.detail, token.byteCount);
    else if (token.frame.fn !== current.fn) {
      reject('sequence', `frame ${token.frame.fn} while the previous message is being stored`, token.frame.bytes.length);
    }
  };

  const onToken = (token: AstmToken): void => {
    if (delivery) {
      whileDelivering(token, delivery);
      return;
    }
    switch (token.type) {
      case 'noise':
        // In a session, noise is most likely a frame whose STX was lost: not a clean end any more.
        assembler.noteRejection();
        reject('noise', `${token.byteCount} bytes outside frames`, token.byteCount);
        return;
      case 'bad-frame':
        reject(token.reason, token.detail, token.byteCount);
        if (assembler.inSession) {
          assembler.noteRejection();
          callbacks.write(NAK_BYTES);
          restartTimer();
        }
        return;
      case 'enq': {
        const dropped = assembler.startSession();
        if (dropped > 0) reject('truncated', 'new session (ENQ) before the message was complete', dropped);
        callbacks.write(ACK_BYTES);
        restartTimer();
        return;
      }
      case 'eot': {
        stopTimer();
        if (!assembler.inSession) return;
        const ended = assembler.endSession();
        if ('raw' in ended) completeMessage(ended.raw, null, null);
        else if (ended.dropped > 0) reject('truncated', 'session ended (EOT) with an incomplete message', ended.dropped);
        return;
      }
      case 'frame':
        onFrame(token.frame);
    }
  };

  const onFrame = (frame: AstmFrame): void => {
    if (!assembler.inSession) {
      // E1381: outside a session the receiver only listens for ENQ.
      reject('sequence', `frame ${frame.fn} outside a session (no ENQ)`, frame.bytes.length);
      return;
    }
    restartTimer();
    const verdict = assembler.judge(frame);
    if (verdict.kind === 'reject') {
      assembler.noteRejection();
      reject(verdict.reason, verdict.detail, frame.bytes.length);
      callbacks.write(NAK_BYTES);
      return;
    }
    if (verdict.kind === 'duplicate') {
      callbacks.notice({ kind: 'duplicate', detail: verdict.detail });
      callbacks.write(ACK_BYTES);
      return;
    }
    const before = assembler.snapshot();
    if (!assembler.accept(frame)) {
      callbacks.write(ACK_BYTES);
      return;
    }
    completeMessage(assembler.takeMessage(), frame, before);
  };

  /** frame/before are null for a message completed by EOT: nothing is left to answer then. */
  const completeMessage = (raw: Uint8Array, frame: AstmFrame | null, before: AstmAssemblerSnapshot | null): void => {
    const event = decodeAstmMessageEvent(raw, options);
    if (event.kind === 'message') {
      void deliver(event, frame, before);
      return;
    }
    if (event.kind === 'rejected') reject(event.reason, event.detail, event.byteCount);
    if (before) refuse(before);
  };

  const refuse = (before: AstmAssemblerSnapshot): void => {
    assembler.restore(before);
    assembler.noteRejection();
    callbacks.write(NAK_BYTES);
    restartTimer();
  };

  const deliver = async (event: MessageEvent, frame: AstmFrame | null, before: AstmAssemblerSnapshot | null): Promise<void> => {
    const current = { fn: frame?.fn ?? null, senderGone: frame === null };
    delivery = current;
    stopTimer();
    const started = generation;
    let outcome: DeliveryOutcome;
    try {
      outcome = await callbacks.deliver(event);
    } catch (e) {
      outcome = { stored: false, reason: e instanceof Error ? e.message : String(e) };
    }
    if (started !== generation) return;
    delivery = null;
    if (current.senderGone) {
      // The sender ended the session (or it ended with this message): nobody waits for an answer.
      if (frame) assembler.endSession();
      return;
    }
    if (outcome.stored) {
      callbacks.write(ACK_BYTES);
      restartTimer();
    } else if (before) {
      refuse(before);
    }
  };

  return {
    receive(chunk) {
      scanner.push(chunk, onToken);
    },
    reset() {
      generation++;
      delivery = null;
      stopTimer();
      scanner.reset();
      assembler.reset();
    },
  };
}
