import type { DecodedReading, TextEncoding } from '../../../common/domain/devices';
import type { DecodedMessage, DecoderOptions } from '../driver';
import { readHl7Delimiters, type Hl7Delimiters } from './hl7-delimiters';
import { readingsFromObx, type ObservationContext } from './hl7-observation-readings';
import { Hl7ParseError } from './hl7-parse-error';
import { Hl7FieldReader, splitHl7Segments, type Hl7Segment } from './hl7-segment';
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
  const text = decodeHl7Text(raw, encoding).replace(/^[\s\r\n]+/, '');
  if (text === '') throw new Hl7ParseError('empty', 'the MLLP block is empty');
  if (!text.startsWith('MSH')) throw new Hl7ParseError('no-msh', `the message does not start with MSH (found ${JSON.stringify(text.slice(0, 3))})`);
  const delimiters = readHl7Delimiters(text.slice(0, text.search(/[\r\n]|$/)));
  const segments = splitHl7Segments(text, delimiters);
  const reader = new Hl7FieldReader(delimiters, encoding);
  const header = readHeader(segments[0]!, reader, encoding);
  const messageId = reader.text(header.controlIdRaw) || null;
  const { readings, patientId, sampleId } = readGroups(segments, reader, options, messageId);
  const detail: Hl7MessageDetail = {
    encoding,
    delimiters: delimiters.field + [delimiters.component, delimiters.repeat, delimiters.escape, delimiters.subcomponent].filter((c) => c !== '\r').join(''),
    segments: segments.map((s) => [...s]),
  };
  return {
    header,
    message: { protocol: 'hl7', type: header.messageType, messageId, patientId, sampleId, readings, detail },
  };
}

/** MSH-18 decides when it names one of our encodings; otherwise the device setting holds. */
function chooseEncoding(raw: Uint8Array, configured: TextEncoding): TextEncoding {
  // Only the MSH line (within the first 4 KiB, after leading white space) is decoded.
  const limit = Math.min(raw.length, 4096);
  let start = 0;
  while (start < limit && isLatin1Space(raw[start]!)) start++;
  let end = start;
  while (end < limit && raw[end] !== 0x0d && raw[end] !== 0x0a) end++;
  const line = decodeHl7Text(raw.subarray(start, end), 'latin1');
  if (!line.startsWith('MSH') || line.length < 4) return configured;
  const fields = line.split(line.charAt(3));
  // fields[0] = "MSH", fields[1] = MSH-2, so MSH-18 is fields[17].
  const charset = (fields[17] ?? '').split(line.charAt(4) || '^')[0] ?? '';
  return charset === '' ? configured : (encodingFromCharset(charset) ?? configured);
}

/** What `\s` matches among Latin-1 characters: TAB..CR, space, NBSP. */
function isLatin1Space(b: number): boolean {
  return (b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0;
}

function readHeader(msh: Hl7Segment, r: Hl7FieldReader, encoding: TextEncoding): Hl7Header {
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
function readGroups(segments: Hl7Segment[], r: Hl7FieldReader, options: DecoderOptions, messageId: string | null) {
  const readings: DecodedReading[] = [];
  let patientId: string | null = null;
  let messageSampleId: string | null = null;
  let ctx: ObservationContext = { reader: r, codeMap: options.codeMap, patientId, sampleId: null, messageId, orderObservedAt: null };
  let lastObx: DecodedReading[] = [];
  for (const seg of segments) {
    switch (seg[0]) {
      case 'PID':
        patientId = r.component(seg, 3, 1) || r.component(seg, 2, 1) || null;
        ctx = { ...ctx, patientId };
        lastObx = [];
        break;
      case 'OBR': {
        const sampleId = r.component(seg, 3, 1) || r.component(seg, 2, 1) || null;
        messageSampleId ??= sampleId;
        ctx = { ...ctx, sampleId, orderObservedAt: hl7TimestampToIso(r.component(seg, 7)) };
        lastObx = [];
        break;
      }
      case 'OBX':
        lastObx = readingsFromObx(seg, ctx);
        readings.push(...lastObx);
        break;
      case 'NTE': {
        const comment = r.repetitions(seg, 3).map((rep) => r.components(rep).join(r.delimiters.component)).join('\n');
        if (comment !== '') for (const reading of lastObx) reading.comments.push(comment);
        break;
      }
      default:
        break;
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
