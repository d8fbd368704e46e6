import type { DecoderEvent, LinkCallbacks, LinkLayer, StreamDecoder } from './driver';

/**
 * The link layer of a device that only talks (Nonin, scales, HID): nothing is ever written back.
 * Messages are delivered one at a time, each after the previous delivery settled, so the journal
 * order is the arrival order; rejections are noticed in the same sequence.
 *
 * Shared by the nonin, scale and hid drivers; it belongs in main/devices/ next to driver.ts.
 */
export interface ListenOnlyLink extends LinkLayer {
  /** Resolves once everything received so far has been delivered or noticed. */
  settled(): Promise<void>;
}

export function createListenOnlyLink(newDecoder: () => StreamDecoder, callbacks: LinkCallbacks): ListenOnlyLink {
  let decoder = newDecoder();
  let queue: Promise<void> = Promise.resolve();

  const handle = async (event: DecoderEvent): Promise<void> => {
    try {
      if (event.kind === 'message') await callbacks.deliver(event);
      else callbacks.notice(event);
    } catch {
      // There is no acknowledgement to withhold: a journal failure is the device manager's to
      // report, and the link must keep delivering what follows in order.
    }
  };

  return {
    receive(chunk) {
      for (const event of decoder.push(chunk)) queue = queue.then(() => handle(event));
    },
    reset() {
      // Half-received bytes belong to a connection that is gone; complete messages still go out.
      decoder = newDecoder();
    },
    settled() {
      return queue;
    },
  };
}
