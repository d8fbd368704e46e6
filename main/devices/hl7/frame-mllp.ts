import { MLLP_END, MLLP_START, MLLP_TRAILER } from './mllp-frame-decoder';

/** Wraps one message in an MLLP block: VT + message + FS CR. */
export function frameMllp(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.length + 3);
  out[0] = MLLP_START;
  out.set(message, 1);
  out[message.length + 1] = MLLP_END;
  out[message.length + 2] = MLLP_TRAILER;
  return out;
}
