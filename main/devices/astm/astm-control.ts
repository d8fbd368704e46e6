/** E1381 transmission control characters. */
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ENQ = 0x05;
export const ACK = 0x06;
export const LF = 0x0a;
export const CR = 0x0d;
export const NAK = 0x15;
export const ETB = 0x17;

/** Bytes that start something on the link; a frame in progress is cut off by any of them. */
export function isSyncByte(b: number): boolean {
  return b === STX || b === ENQ || b === EOT;
}

export const ACK_BYTES: Uint8Array = Uint8Array.of(ACK);
export const NAK_BYTES: Uint8Array = Uint8Array.of(NAK);
export const ENQ_BYTES: Uint8Array = Uint8Array.of(ENQ);
export const EOT_BYTES: Uint8Array = Uint8Array.of(EOT);

/** E1381 timers, in ms. */
export const SENDER_ANSWER_TIMEOUT_MS = 15_000;
export const RECEIVER_FRAME_TIMEOUT_MS = 30_000;
/** E1381 gives up on a frame after six NAKed transmissions. */
export const MAX_FRAME_TRANSMISSIONS = 6;
/** E1381 caps frame text at 240 characters; receivers here accept far more (see astm-frame-scanner). */
export const MAX_FRAME_TEXT = 240;
