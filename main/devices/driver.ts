import type { DecodedReading, DeviceProtocol, TextEncoding } from '../../common/domain/devices';
import type { Timers } from '../ports/timers';

/**
 * The shape every protocol driver has. A driver is three pure parts plus a simulator:
 *
 *  - a streaming decoder: bytes in (any chunking), complete messages and rejections out;
 *  - a message parser: one message's raw bytes (as kept in the journal) -> typed message;
 *    `parse(event.raw)` always equals `event.message`, so a journal entry can be re-processed
 *    after a crash;
 *  - a link layer: the handshake the device expects (ACK/NAK, timeouts), which only
 *    acknowledges a message after `deliver` resolved, i.e. after it is in the journal;
 *  - a simulator that produces the real byte stream and plays the device's side of the link.
 */

export interface DecoderOptions {
  encoding: TextEncoding;
  /** Per-device code -> LOINC overrides (analyzer-local test codes). */
  codeMap?: Readonly<Record<string, string>>;
}

export interface DecodedMessage {
  protocol: DeviceProtocol;
  /** ASTM/HL7 message type or record summary, e.g. "ORU^R01", "ASTM", "nonin-packet". */
  type: string;
  messageId: string | null;
  patientId: string | null;
  sampleId: string | null;
  readings: DecodedReading[];
  /** Protocol-specific structure for `--messages` and the journal viewer; JSON-serialisable. */
  detail: unknown;
}

export const REJECT_REASONS = [
  'checksum', 'framing', 'sequence', 'syntax', 'encoding', 'timeout', 'truncated', 'noise',
  'too-long', 'retries-exhausted', 'unsupported',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type DecoderEvent =
  /** A complete, verified message. `raw` is exactly what the journal keeps. */
  | { kind: 'message'; raw: Uint8Array; message: DecodedMessage }
  /** A frame or block that was not accepted: NAKed on a live link, reported on stderr by the CLI. */
  | { kind: 'rejected'; reason: RejectReason; detail: string; byteCount: number }
  /** A retransmission of something already accepted; reported once, never decoded twice. */
  | { kind: 'duplicate'; detail: string };

export interface StreamDecoder {
  push(chunk: Uint8Array): DecoderEvent[];
  /** End of input: reports anything left half-received as truncated. */
  end(): DecoderEvent[];
}

export type MessageParser = (raw: Uint8Array, options: DecoderOptions) => DecodedMessage;

/** What the link layer does once a message is in the journal (or refused by it). */
export type DeliveryOutcome =
  | { stored: true; duplicate: boolean }
  | { stored: false; reason: string };

export interface LinkCallbacks {
  /** Bytes for the device (ACK, NAK, HL7 ACK messages). */
  write(bytes: Uint8Array): void;
  /** Journal the message; the device is acknowledged only after this resolves with stored: true. */
  deliver(event: Extract<DecoderEvent, { kind: 'message' }>): Promise<DeliveryOutcome>;
  /** Rejections, duplicates, timeouts: for status and the raw monitor. */
  notice(event: Exclude<DecoderEvent, { kind: 'message' }>): void;
}

export interface LinkLayer {
  receive(chunk: Uint8Array): void;
  /** The transport closed: drop half-received state, cancel timers. */
  reset(): void;
}

export interface LinkOptions extends DecoderOptions {
  timers: Timers;
}

export interface ProtocolDriver {
  protocol: DeviceProtocol;
  createDecoder(options: DecoderOptions): StreamDecoder;
  parse: MessageParser;
  createLink(callbacks: LinkCallbacks, options: LinkOptions): LinkLayer;
}

/** A duplex byte channel a simulator drives: a serial port, a TCP socket, or an in-memory pipe. */
export interface ByteChannel {
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

export interface SimulatorRunOptions {
  /** How many messages (ASTM/HL7 messages, Nonin packets, scale lines, HID reports) to send; default forever until aborted. */
  messages?: number;
  /** Pause between messages, in ms. */
  intervalMs?: number;
  signal?: AbortSignal;
  timers: Timers;
  encoding: TextEncoding;
}

export interface SimulatorReport {
  sent: number;
  /** Positively acknowledged by the receiver (ASTM/HL7); equals sent for protocols without ACKs. */
  acknowledged: number;
  failed: number;
}

/** Plays the device: produces the real byte stream and, where the protocol has one, its side of the handshake. */
export interface DeviceSimulator {
  run(channel: ByteChannel, options: SimulatorRunOptions): Promise<SimulatorReport>;
}
