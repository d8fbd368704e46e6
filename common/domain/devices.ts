import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { singleLineText } from './text';

/** The wire protocols the workstation speaks. One driver folder each in main/devices/. */
export const DEVICE_PROTOCOLS = ['astm', 'hl7', 'nonin', 'scale', 'hid'] as const;
export const DeviceProtocolSchema = z.enum(DEVICE_PROTOCOLS);
export type DeviceProtocol = z.infer<typeof DeviceProtocolSchema>;

export const DEVICE_KINDS = ['lab_analyzer', 'vital_signs_monitor', 'pulse_oximeter', 'scale', 'bp_monitor', 'glucose_meter'] as const;
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

/** How bytes become text for the record layer; checksums are always computed on the raw bytes. */
export const TEXT_ENCODINGS = ['latin1', 'utf8', 'shift_jis'] as const;
export const TextEncodingSchema = z.enum(TEXT_ENCODINGS);
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

export const SerialTransportSchema = z.strictObject({
  type: z.literal('serial'),
  path: z.string().trim().min(1, 'a serial port path is required').max(260),
  baudRate: z.union([
    z.literal(1200), z.literal(2400), z.literal(4800), z.literal(9600), z.literal(19200),
    z.literal(38400), z.literal(57600), z.literal(115200),
  ], { message: 'must be a standard baud rate (1200–115200)' }),
  dataBits: z.union([z.literal(7), z.literal(8)], { message: 'must be 7 or 8' }),
  parity: z.enum(['none', 'even', 'odd']),
  stopBits: z.union([z.literal(1), z.literal(2)], { message: 'must be 1 or 2' }),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']),
});
export type SerialTransport = z.infer<typeof SerialTransportSchema>;

const UsbIdSchema = z.number().int().min(0, 'must be 0–0xFFFF').max(0xffff, 'must be 0–0xFFFF');
export const UsbTransportSchema = z.strictObject({
  type: z.literal('usb'),
  vendorId: UsbIdSchema,
  productId: UsbIdSchema,
});
export type UsbTransport = z.infer<typeof UsbTransportSchema>;

export const TcpTransportSchema = z.strictObject({
  type: z.literal('tcp'),
  /** MLLP listener on this workstation; the monitor or gateway connects to it. */
  listenPort: z.number().int().min(1024, 'must be 1024–65535').max(65535, 'must be 1024–65535'),
  /** 127.0.0.1 unless IT opens the port to the device network. */
  bindAddress: z.union([z.literal('127.0.0.1'), z.literal('0.0.0.0')]).default('127.0.0.1'),
});
export type TcpTransport = z.infer<typeof TcpTransportSchema>;

export const DeviceTransportSchema = z.discriminatedUnion('type', [SerialTransportSchema, UsbTransportSchema, TcpTransportSchema]);
export type DeviceTransportConfig = z.infer<typeof DeviceTransportSchema>;

/** Which protocol may run over which transport. */
export const PROTOCOL_TRANSPORTS: Readonly<Record<DeviceProtocol, readonly DeviceTransportConfig['type'][]>> = {
  astm: ['serial'],
  hl7: ['tcp', 'serial'],
  nonin: ['serial'],
  scale: ['serial'],
  hid: ['usb'],
};

/** Flags a reading can carry. Anything in INVALID_FLAGS means "not a valid measurement". */
export const READING_FLAGS = [
  'low', 'high', 'critical-low', 'critical-high', 'abnormal',
  'invalid', 'unstable', 'artifact', 'sensor-alarm', 'out-of-track', 'no-reading', 'overload',
  'preliminary', 'corrected',
] as const;
export const ReadingFlagSchema = z.enum(READING_FLAGS);
export type ReadingFlag = z.infer<typeof ReadingFlagSchema>;
export const INVALID_FLAGS: readonly ReadingFlag[] = ['invalid', 'unstable', 'artifact', 'sensor-alarm', 'out-of-track', 'no-reading', 'overload'];

export function isValidMeasurement(flags: readonly ReadingFlag[]): boolean {
  return !flags.some((f) => INVALID_FLAGS.includes(f));
}

/**
 * One reading as a decoder produced it. Values stay strings at their measured precision
 * ("37.0" stays "37.0"); code and unit are as sent, loinc/ucum where mapped.
 */
export const DecodedReadingSchema = z.object({
  protocol: DeviceProtocolSchema,
  code: z.string(),
  /** The code system as sent: MDC, LN, L (local), an analyzer's own, ... */
  codeSystem: z.string().nullable(),
  display: z.string().nullable(),
  loinc: z.string().nullable(),
  ucum: z.string().nullable(),
  value: z.string(),
  unit: z.string(),
  flags: z.array(ReadingFlagSchema),
  referenceRange: z.string().nullable(),
  comments: z.array(z.string()),
  patientId: z.string().nullable(),
  sampleId: z.string().nullable(),
  messageId: z.string().nullable(),
  /** ISO-8601; with an offset when the device sent one, local wall time otherwise. */
  observedAt: z.string().nullable(),
});
export type DecodedReading = z.infer<typeof DecodedReadingSchema>;

export const DEVICE_STATES = ['disabled', 'disconnected', 'connecting', 'connected', 'receiving', 'idle', 'error'] as const;
export const DeviceStateSchema = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const DEVICE_STATE_LABELS: Readonly<Record<DeviceState, string>> = {
  disabled: 'Disabled',
  disconnected: 'Disconnected',
  connecting: 'Connecting',
  connected: 'Connected',
  receiving: 'Receiving',
  idle: 'Idle',
  error: 'Error',
};

/** "Connected", "Error: port vanished", ...: a device's state in words, for every screen that shows it. */
export function describeDeviceState(status: { state: DeviceState; reason: string | null }): string {
  const label = DEVICE_STATE_LABELS[status.state];
  return status.state === 'error' ? `${label}: ${status.reason ?? 'unknown'}` : label;
}

export const DeviceStatusSchema = z.object({
  deviceId: UuidSchema,
  state: DeviceStateSchema,
  /** Why, for error and disconnected ("port vanished", "bad checksum x3", ...). */
  reason: z.string().nullable(),
  since: InstantSchema,
  lastMessageAt: InstantSchema.nullable(),
  messagesReceived: z.number().int(),
  framesRejected: z.number().int(),
  reconnectAttempt: z.number().int(),
  nextRetryAt: InstantSchema.nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

// ---------------------------------------------------------------------------------------------
// Configured devices, as the admin edits them and the contract returns them

export const DeviceNameSchema = singleLineText('Device name', 120);

/** Per-device overrides: an analyzer's own test code -> LOINC. */
export const CodeMapSchema = z
  .record(
    z.string().trim().min(1, 'a device code is required').max(40, 'device codes are at most 40 characters'),
    z.string().regex(/^\d{1,7}-\d$/, 'must be a LOINC code like 2345-7'),
  )
  .refine((m) => Object.keys(m).length <= 500, 'at most 500 code mappings');

export const DeviceSettingsSchema = z.strictObject({
  name: DeviceNameSchema,
  kind: DeviceKindSchema,
  protocol: DeviceProtocolSchema,
  transport: DeviceTransportSchema,
  /** The room or workstation (a location) the device sits in; readings go to the encounter active there. Absent: none. */
  locationId: UuidSchema.optional(),
  encoding: TextEncodingSchema.default('latin1'),
  codeMap: CodeMapSchema.default({}),
});
export type DeviceSettings = z.infer<typeof DeviceSettingsSchema>;

export const DeviceSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  kind: DeviceKindSchema,
  protocol: DeviceProtocolSchema,
  transport: DeviceTransportSchema,
  locationId: UuidSchema.nullable(),
  locationName: z.string().nullable(),
  encoding: TextEncodingSchema,
  codeMap: z.record(z.string(), z.string()),
  active: z.boolean(),
  /** Cabled to this workstation (only this workstation opens its port). */
  attachedHere: z.boolean(),
  version: z.number().int(),
  status: DeviceStatusSchema,
});
export type Device = z.infer<typeof DeviceSchema>;

export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfoSchema>;

export const UsbDeviceInfoSchema = z.object({
  vendorId: z.number().int(),
  productId: z.number().int(),
  busNumber: z.number().int(),
  deviceAddress: z.number().int(),
  /** HID class interface present (what the HID driver needs). */
  hid: z.boolean(),
});
export type UsbDeviceInfo = z.infer<typeof UsbDeviceInfoSchema>;

export const MonitorChunkSchema = z.object({
  deviceId: UuidSchema,
  at: InstantSchema,
  /** in: from the device; out: what we answered (ACK, NAK, HL7 ACK); note: a decoder notice. */
  direction: z.enum(['in', 'out', 'note']),
  hex: z.string(),
  text: z.string(),
});
export type MonitorChunk = z.infer<typeof MonitorChunkSchema>;

export const JournalEntrySchema = z.object({
  seq: z.number().int(),
  deviceId: UuidSchema,
  deviceName: z.string(),
  protocol: DeviceProtocolSchema,
  receivedAt: InstantSchema,
  status: z.enum(['pending', 'processed', 'failed']),
  error: z.string().nullable(),
  messageId: z.string().nullable(),
  readingCount: z.number().int(),
  byteCount: z.number().int(),
  /** The first bytes as text with control characters shown as <STX>, <CR>, ... */
  preview: z.string(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const JournalEntryDetailSchema = JournalEntrySchema.extend({
  hex: z.string(),
  text: z.string(),
  /** The message as decoded now (JSON), or null when it cannot be decoded. */
  decoded: z.unknown(),
});
export type JournalEntryDetail = z.infer<typeof JournalEntryDetailSchema>;
