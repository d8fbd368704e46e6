import type { ByteChannel } from '../../main/devices/driver';

/** Line settings of both ends of a cable where only the baud rates disagree (8N1 on both). */
export interface BaudMismatch {
  /** What the instrument sends at. */
  deviceBaud: number;
  /** What the workstation's port is set to. */
  portBaud: number;
}

/** Idle (mark) bit times around each write: long enough for the receiver to settle between writes. */
const IDLE_BITS = 40;

/**
 * What a UART set to `portBaud` reads when the instrument sends `bytes` at `deviceBaud`, both 8N1.
 * A pseudo-terminal has no clock, so bytes cross it intact whatever the baud settings; this is the
 * bit-level receiver instead: it waits for a falling edge (the start bit), samples eight data bits
 * LSB first in the middle of its own bit times, then the stop bit. A stop bit read as 0 is a
 * framing error, which Linux hands over as a NUL byte (no IGNPAR, no PARMRK); the receiver then
 * waits for the line to go idle before it looks for the next start bit, as real UARTs do.
 */
export function receiveAtWrongBaud(bytes: Uint8Array, { deviceBaud, portBaud }: BaudMismatch): Uint8Array {
  const line = senderLine(bytes);
  // Everything below is in the sender's bit times.
  const rxBit = deviceBaud / portBaud;
  const level = (t: number): number => line[Math.floor(t)] ?? 1;
  const out: number[] = [];
  let t = 0;
  for (;;) {
    const start = nextFallingEdge(line, t);
    if (start === null) break;
    let value = 0;
    for (let bit = 0; bit < 8; bit++) value |= level(start + rxBit * (bit + 1.5)) << bit;
    const stopAt = start + rxBit * 9.5;
    const framingError = level(stopAt) === 0;
    out.push(framingError ? 0 : value);
    t = framingError ? nextMark(line, stopAt) : stopAt;
  }
  return Uint8Array.from(out);
}

/**
 * The instrument's end of a cable with mismatched baud rates: whatever the simulator writes comes
 * out of `channel` as the workstation's UART would have read it. Answers pass through unchanged
 * (only the direction under test is garbled).
 */
export function misclockedChannel(channel: ByteChannel, mismatch: BaudMismatch): ByteChannel {
  return {
    write: (bytes) => channel.write(receiveAtWrongBaud(bytes, mismatch)),
    onData: (listener) => channel.onData(listener),
  };
}

/** One entry per sender bit time: idle, then start/data/stop bits of each byte, then idle. */
function senderLine(bytes: Uint8Array): Uint8Array {
  const line = new Uint8Array(IDLE_BITS * 2 + bytes.length * 10).fill(1);
  let at = IDLE_BITS;
  for (const byte of bytes) {
    line[at++] = 0;
    for (let bit = 0; bit < 8; bit++) line[at++] = (byte >> bit) & 1;
    line[at++] = 1;
  }
  return line;
}

/** The first bit time at or after `t` where the line drops from mark to space. */
function nextFallingEdge(line: Uint8Array, t: number): number | null {
  for (let i = Math.max(1, Math.ceil(t)); i < line.length; i++) {
    if (line[i] === 0 && line[i - 1] === 1) return i;
  }
  return null;
}

/** The first bit time after `t` where the line is back at mark (idle). */
function nextMark(line: Uint8Array, t: number): number {
  let i = Math.ceil(t);
  while (i < line.length && line[i] === 0) i++;
  return i;
}
