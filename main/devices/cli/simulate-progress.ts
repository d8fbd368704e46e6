import type { DeviceProtocol, TextEncoding } from '../../../common/domain/devices';
import { ACK, ENQ, EOT, NAK, STX } from '../astm/astm-control';
import type { ByteChannel } from '../driver';
import { readHl7Ack } from '../hl7/hl7-ack-reader';
import { salvageControlId } from '../hl7/hl7-message-parser';
import { MllpFrameDecoder } from '../hl7/mllp-frame-decoder';

/**
 * Watches the simulator's traffic and tells the technician what happened, one stderr line per
 * step. The simulators only report totals at the end; this reads the same bytes the other side
 * sees, so it needs no hooks in them.
 */
export interface TrafficObserver {
  sent(bytes: Uint8Array): void;
  received(bytes: Uint8Array): void;
}

export function observeChannel(channel: ByteChannel, observer: TrafficObserver): ByteChannel {
  return {
    write(bytes) {
      channel.write(bytes);
      observer.sent(bytes);
    },
    onData: (listener) => channel.onData((chunk) => {
      observer.received(chunk);
      listener(chunk);
    }),
  };
}

export function progressObserver(protocol: Exclude<DeviceProtocol, 'hid'>, encoding: TextEncoding, say: (line: string) => void): TrafficObserver {
  switch (protocol) {
    case 'astm':
      return new AstmProgress(say);
    case 'hl7':
      return new Hl7Progress(encoding, say);
    case 'nonin':
    case 'scale':
      return streamedProgress(protocol, say);
  }
}

/** Devices without acknowledgements: every write is one message (a packet, a line). */
function streamedProgress(protocol: 'nonin' | 'scale', say: (line: string) => void): TrafficObserver {
  let count = 0;
  return {
    sent(bytes) {
      count += 1;
      const shown = protocol === 'scale' ? `: ${Buffer.from(bytes).toString('latin1').trim()}` : '';
      say(`sent #${count} (${bytes.length} bytes)${shown}`);
    },
    received() {},
  };
}

class Hl7Progress implements TrafficObserver {
  private readonly outgoing = new MllpFrameDecoder();
  private readonly incoming = new MllpFrameDecoder();
  private readonly attempts = new Map<string, number>();

  constructor(private readonly encoding: TextEncoding, private readonly say: (line: string) => void) {}

  sent(bytes: Uint8Array): void {
    for (const e of this.outgoing.push(bytes)) {
      if (e.kind !== 'block') continue;
      const id = salvageControlId(e.raw) || '(no id)';
      const attempt = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, attempt);
      this.say(`${attempt === 1 ? 'sent' : `resent (attempt ${attempt})`} ${id} (${e.raw.length} bytes)`);
    }
  }

  received(bytes: Uint8Array): void {
    for (const e of this.incoming.push(bytes)) {
      if (e.kind !== 'block') continue;
      const ack = readHl7Ack(e.raw, this.encoding);
      if (!ack) this.say(`received a block that is not an ACK (${e.raw.length} bytes)`);
      else if (ack.code === 'AA') this.say(`acknowledged ${ack.controlId}`);
      else this.say(`not accepted ${ack.controlId}: ${ack.code}${ack.text ? ` ${ack.text}` : ''}`);
    }
  }
}

/** E1381 from the sender's side: ENQ, frames each answered ACK/NAK, EOT. */
class AstmProgress implements TrafficObserver {
  private phase: 'idle' | 'enq' | 'frame' = 'idle';
  private frames = 0;
  private naks = 0;
  private lastAnswer: 'ack' | 'nak' | null = null;
  private delivered = 0;

  constructor(private readonly say: (line: string) => void) {}

  sent(bytes: Uint8Array): void {
    const first = bytes[0];
    if (first === ENQ) {
      this.phase = 'enq';
      this.lastAnswer = null;
    } else if (first === STX) {
      this.phase = 'frame';
      this.frames += 1;
      this.lastAnswer = null;
    } else if (first === EOT) {
      this.endSession();
    }
  }

  received(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === ACK) this.lastAnswer = 'ack';
      else if (b === NAK) {
        this.lastAnswer = 'nak';
        if (this.phase === 'frame') {
          this.naks += 1;
          this.say(`frame ${this.frames} refused (NAK); sending it again`);
        } else if (this.phase === 'enq') {
          this.say('receiver busy (NAK to ENQ); trying again later');
        }
      } else if (b === ENQ && this.phase === 'enq') {
        this.say('line contention (the receiver sent ENQ too); trying again');
      }
    }
  }

  private endSession(): void {
    if (this.phase === 'frame' && this.lastAnswer === 'ack') {
      this.delivered += 1;
      this.say(`sent message #${this.delivered}: ${this.frames} frame transmissions, ${this.naks} refused`);
    } else if (this.phase === 'frame') {
      this.say(`session aborted after ${this.frames} frame transmissions (no answer or too many NAKs)`);
    } else if (this.phase === 'enq' && this.lastAnswer === null) {
      this.say('no answer to ENQ; is the workstation listening on this port?');
    }
    this.phase = 'idle';
    this.frames = 0;
    this.naks = 0;
    this.lastAnswer = null;
  }
}
