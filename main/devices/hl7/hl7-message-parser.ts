import type { DecodedReading, DeviceProtocol, TextEncoding } from '../../../common/domain/devices';
import type { DecodedMessage, DecoderOptions } from '../driver';
import { readHl7Delimiters, type Hl7Delimiters } from './hl7-delimiters';
import { readingsFromObx, type ObservationContext } from './hl7-observation-readings';
import { Hl7ParseError } from './hl7-parse-error';
import { type Hl7Fields, Hl7FieldReader, Hl7SegmentCursor, isWhiteSpace, splitHl7Segments } from './hl7-segment';
import { decodeHl7Text, encodingFromCharset } from './hl7-text-codec';
import { hl7TimestampToIso } from './hl7-timestamp';

/** The MSH fields an ACK needs, still escaped with the message's own delimiters. */
export interface Hl7Header {
  delimiters: Hl7Delimiters;
  encoding: TextEncoding;
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  /** MSH-9 components 1 and 2, e.g. "ORU^R01" (always joined with "^"). */
  messageType: string;
  triggerEvent: string;
  /** MSH-10 as sent (escaped), '' when absent. */
  controlIdRaw: string;
  processingId: string;
  version: string;
}

/** `detail` of an HL7 message: the segments as arrays of fields, escaped as sent. */
export interface Hl7MessageDetail {
  encoding: TextEncoding;
  delimiters: string;
  segments: string[][];
}

export interface ParsedHl7 {
  header: Hl7Header;
  message: DecodedMessage;
}

/** MessageParser for HL7 v2: the bytes between VT and FS -> a typed message. Throws Hl7ParseError. */
export function parseHl7Message(raw: Uint8Array, options: DecoderOptions): DecodedMessage {
  return parseHl7(raw, options).message;
}

export function parseHl7(raw: Uint8Array, options: DecoderOptions): ParsedHl7 {
  const encoding = chooseEncoding(raw, options.encoding);
  const decoded = decodeHl7Text(raw, encoding);
  const text = isWhiteSpace(decoded.charCodeAt(0)) ? decoded.replace(/^[\s\r\n]+/, '') : decoded;
  if (text === '') throw new Hl7ParseError('empty', 'the MLLP block is empty');
  if (!text.startsWith('MSH')) throw new Hl7ParseError('no-msh', `the message does not start with MSH (found ${JSON.stringify(text.slice(0, 3))})`);
  const delimiters = readHl7Delimiters(text.slice(0, text.search(/[\r\n]|$/)));
  // Fields are read in place; `detail` (for `--messages` and the journal viewer) splits every
  // segment when it is first read.
  const segments = new Hl7SegmentCursor(text, delimiters.field);
  const reader = new Hl7FieldReader(delimiters, encoding);
  // The text starts with MSH, so the first segment is the header.
  segments.next();
  const header = readHeader(segments.fields(), reader, encoding);
  const messageId = reader.text(header.controlIdRaw) || null;
  const { readings, patientId, sampleId } = readGroups(segments, reader, options, messageId);
  const message = new Hl7DecodedMessage(header.messageType, messageId, patientId, sampleId, readings, text, delimiters, encoding);
  return { header, message };
}

/**
 * `detail` is read only by `--messages` and the journal viewer, so the segments are split into
 * fields when it is first read. It is an own, enumerable accessor property: JSON, structured clone
 * and deep equality see a plain value. Defined with shared functions, which costs far less per
 * message than an object literal with its own get/set.
 */
class Hl7DecodedMessage implements DecodedMessage {
  protocol: DeviceProtocol = 'hl7';
  type: string;
  messageId: string | null;
  patientId: string | null;
  sampleId: string | null;
  readings: DecodedReading[];
  declare detail: unknown;
  readonly #text: string;
  readonly #delimiters: Hl7Delimiters;
  readonly #encoding: TextEncoding;
  #detail: unknown = undefined;
  #built = false;

  constructor(
    type: string, messageId: string | null, patientId: string | null, sampleId: string | null, readings: DecodedReading[],
    text: string, delimiters: Hl7Delimiters, encoding: TextEncoding,
  ) {
    this.type = type;
    this.messageId = messageId;
    this.patientId = patientId;
    this.sampleId = sampleId;
    this.readings = readings;
    this.#text = text;
    this.#delimiters = delimiters;
    this.#encoding = encoding;
    Object.defineProperty(this, 'detail', LAZY_DETAIL);
  }

  static readDetail(m: Hl7DecodedMessage): unknown {
    if (!m.#built) {
      m.#detail = messageDetail(m.#text, m.#delimiters, m.#encoding);
      m.#built = true;
    }
    return m.#detail;
  }

  static writeDetail(m: Hl7DecodedMessage, value: unknown): void {
    m.#detail = value;
    m.#built = true;
  }
}

const LAZY_DETAIL: PropertyDescriptor = {
  get(this: Hl7DecodedMessage) { return Hl7DecodedMessage.readDetail(this); },
  set(this: Hl7DecodedMessage, value: unknown) { Hl7DecodedMessage.writeDetail(this, value); },
  enumerable: true,
  configurable: true,
};

function messageDetail(text: string, delimiters: Hl7Delimiters, encoding: TextEncoding): Hl7MessageDetail {
  return {
    encoding,
    delimiters: delimiters.field + [delimiters.component, delimiters.repeat, delimiters.escape, delimiters.subcomponent].filter((c) => c !== '\r').join(''),
    segments: splitHl7Segments(text, delimiters).map((s) => [...s]),
  };
}

/** MSH-18 decides when it names one of our encodings; otherwise the device setting holds. */
function chooseEncoding(raw: Uint8Array, configured: TextEncoding): TextEncoding {
  // Only the MSH line (within the first 4 KiB, after leading white space) is read, as Latin-1:
  // one byte is one character, so MSH-18 is found on the bytes.
  const limit = Math.min(raw.length, 4096);
  let start = 0;
  while (start < limit && isLatin1Space(raw[start]!)) start++;
  let end = start;
  while (end < limit && raw[end] !== 0x0d && raw[end] !== 0x0a) end++;
  if (end - start < 4 || raw[start] !== 0x4d || raw[start + 1] !== 0x53 || raw[start + 2] !== 0x48) return configured;
  const separator = raw[start + 3]!;
  const component = end - start > 4 ? raw[start + 4]! : 0x5e;
  // fields[0] = "MSH", fields[1] = MSH-2, so MSH-18 is the 17th field after the first separator.
  let at = start + 3;
  for (let field = 0; field < 17; field++) {
    while (at < end && raw[at] !== separator) at++;
    if (at >= end) return configured;
    at++;
  }
  let stop = at;
  while (stop < end && raw[stop] !== separator && raw[stop] !== component) stop++;
  if (stop === at) return configured;
  return charsetEncoding(decodeHl7Text(raw.subarray(at, stop), 'latin1')) ?? configured;
}

/** Monitors name the same charset in every message: the last answer is remembered. */
let lastCharset: { name: string; encoding: TextEncoding | null } = { name: '', encoding: null };

function charsetEncoding(name: string): TextEncoding | null {
  if (name !== lastCharset.name) lastCharset = { name, encoding: encodingFromCharset(name) };
  return lastCharset.encoding;
}

/** What `\s` matches among Latin-1 characters: TAB..CR, space, NBSP. */
function isLatin1Space(b: number): boolean {
  return (b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0;
}

function readHeader(msh: Hl7Fields, r: Hl7FieldReader, encoding: TextEncoding): Hl7Header {
  const type = r.component(msh, 9, 1);
  const trigger = r.component(msh, 9, 2);
  return {
    delimiters: r.delimiters,
    encoding,
    sendingApplication: r.raw(msh, 3),
    sendingFacility: r.raw(msh, 4),
    receivingApplication: r.raw(msh, 5),
    receivingFacility: r.raw(msh, 6),
    messageType: trigger ? `${type}^${trigger}` : type,
    triggerEvent: trigger,
    controlIdRaw: r.raw(msh, 10),
    processingId: r.raw(msh, 11),
    version: r.raw(msh, 12),
  };
}

/** Walks PID / OBR / OBX / NTE in order: each OBX belongs to the OBR before it, NTE to the OBX before it. */
function readGroups(segments: Hl7SegmentCursor, r: Hl7FieldReader, options: DecoderOptions, messageId: string | null) {
  const readings: DecodedReading[] = [];
  let patientId: string | null = null;
  let messageSampleId: string | null = null;
  let ctx: ObservationContext = { reader: r, codeMap: options.codeMap, patientId, sampleId: null, messageId, orderObservedAt: null };
  let lastObx: DecodedReading[] = [];
  // The header was the first segment; the walk goes on from the second (MSH itself is ignored here).
  while (segments.next()) {
    if (segments.is('PID')) {
      const seg = segments.fields();
      patientId = r.component(seg, 3, 1) || r.component(seg, 2, 1) || null;
      ctx = { ...ctx, patientId };
      lastObx = [];
    } else if (segments.is('OBR')) {
      const seg = segments.fields();
      const sampleId = r.component(seg, 3, 1) || r.component(seg, 2, 1) || null;
      messageSampleId ??= sampleId;
      ctx = { ...ctx, sampleId, orderObservedAt: hl7TimestampToIso(r.component(seg, 7)) };
      lastObx = [];
    } else if (segments.is('OBX')) {
      lastObx = readingsFromObx(segments.fields(), ctx);
      for (const reading of lastObx) readings.push(reading);
    } else if (segments.is('NTE')) {
      const seg = segments.fields();
      const comment = r.repetitions(seg, 3).map((rep) => r.components(rep).join(r.delimiters.component)).join('\n');
      if (comment !== '') for (const reading of lastObx) reading.comments.push(comment);
    }
  }
  return { readings, patientId, sampleId: messageSampleId };
}

/** Best effort MSH-10 from a block that did not parse, for the AR; '' when nothing readable. */
export function salvageControlId(raw: Uint8Array): string {
  const text = decodeHl7Text(raw.subarray(0, Math.min(raw.length, 4096)), 'latin1');
  const at = text.indexOf('MSH');
  if (at < 0 || text.length < at + 4) return '';
  const sep = text.charAt(at + 3);
  if (/[\w\s]/.test(sep)) return '';
  const line = text.slice(at, at + text.slice(at).search(/[\r\n]|$/));
  const id = line.split(sep)[9] ?? '';
  return /^[\x20-\x7e]{1,199}$/.test(id) ? id : '';
}
