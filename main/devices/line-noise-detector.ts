/**
 * Spots a serial line whose settings do not match the device's (baud rate, parity, data bits) on
 * the text protocols (ASTM, HL7, scale). A mis-clocked UART turns text into NULs and high bytes
 * that contain no frame delimiters, so the decoders see no frame to reject; what they see is bytes
 * that no text protocol sends. Nonin and HID are binary: their decoders report noise themselves.
 */
export class LineNoiseDetector {
  private seen = 0;
  private implausible = 0;

  constructor(
    private readonly minBytes = 32,
    private readonly ratio = 0.6,
  ) {}

  /** Counts a chunk; true once enough bytes since the last good message look like line noise. */
  push(chunk: Uint8Array): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x00 || b === 0x7f || b === 0xff || (b < 0x20 && !PROTOCOL_CONTROLS.has(b))) this.implausible += 1;
      // UTF-8 and Shift-JIS names use high bytes; they count, but only half.
      else if (b >= 0x80) this.implausible += 0.5;
    }
    this.seen += chunk.length;
    return this.seen >= this.minBytes && this.implausible / this.seen >= this.ratio;
  }

  /** A message decoded: the line is fine. */
  reset(): void {
    this.seen = 0;
    this.implausible = 0;
  }

  get bytesSeen(): number {
    return this.seen;
  }
}

/** Control characters the text protocols use: STX ETX EOT ENQ ACK TAB LF VT CR NAK ETB FS. */
const PROTOCOL_CONTROLS = new Set([0x02, 0x03, 0x04, 0x05, 0x06, 0x09, 0x0a, 0x0b, 0x0d, 0x15, 0x17, 0x1c]);
