import type { DecodedReading, DeviceProtocol } from '../../../common/domain/devices';
import type { DecodedMessage, DecoderOptions, MessageParser, RejectReason } from '../driver';
import { AstmRecordFields } from './astm-record-fields';
import {
  type AstmDelimiters, type AstmRecord, DEFAULT_ASTM_DELIMITERS, delimitersFromHeader, parseAstmRecord, unescapeAstm,
} from './astm-record-parser';
import { AstmRawFramingError, recordStreamOf, splitRecords } from './astm-record-stream';
import { type AstmResultContext, astmCommentText, astmResultReading, firstComponent } from './astm-result-readings';
import { decodeAstmText } from './astm-text-codec';
import { astmTimestampToIso } from './astm-timestamp';

/** What `--messages` and the journal viewer show for an ASTM message. */
export interface AstmMessageDetail {
  delimiters: AstmDelimiters;
  records: AstmRecord[];
}

/** A message that cannot be turned into records; the decoder reports it as a rejection. */
export class AstmParseError extends Error {
  constructor(readonly reason: Extract<RejectReason, 'encoding' | 'syntax' | 'framing'>, message: string) {
    super(message);
    this.name = 'AstmParseError';
  }
}

/**
 * The MessageParser: one message's raw bytes (its accepted frames, concatenated, as the journal
 * keeps them) -> the decoded message. Checks every frame again (the bytes may come from a journal);
 * the stream decoder, whose frames are already checked, reads the record stream it assembled with
 * parseAstmRecordStream, which gives the same message as this function for the same frames.
 */
export const parseAstmMessage: MessageParser = (raw, options) => {
  let stream: Uint8Array;
  try {
    stream = recordStreamOf(raw);
  } catch (e) {
    if (e instanceof AstmRawFramingError) throw new AstmParseError('framing', `not a sequence of valid ASTM frames: ${e.message}`);
    throw e;
  }
  if (raw.length === 0) throw new AstmParseError('framing', 'no ASTM frame in the message');
  return parseAstmRecordStream(stream, options);
};

/** A message's record stream (see recordStreamOf) -> the decoded message. Throws AstmParseError. */
export function parseAstmRecordStream(stream: Uint8Array, options: DecoderOptions): DecodedMessage {
  let text: string;
  try {
    text = decodeAstmText(stream, options.encoding);
  } catch {
    throw new AstmParseError('encoding', `message is not valid ${options.encoding} text`);
  }
  return messageFromText(text, options);
}

/** Reused by every message: parsing is synchronous and never re-entrant. */
const fields = new AstmRecordFields();

/**
 * Reads the records in place: each record (the text between CRs, leading LFs dropped, empty ones
 * skipped, as splitRecords cuts them) is indexed into its fields without being copied.
 */
function messageFromText(text: string, options: DecoderOptions): DecodedMessage {
  const readings: DecodedReading[] = [];
  let delimiters = DEFAULT_ASTM_DELIMITERS;
  let context: AstmResultContext = { messageId: null, headerTime: null, patientId: null, sampleId: null };
  let messageId: string | null = null;
  let patientId: string | null = null;
  let sampleId: string | null = null;
  let lastResult: DecodedReading | null = null;

  const length = text.length;
  for (let pos = 0; pos <= length;) {
    let end = text.indexOf('\r', pos);
    if (end < 0) end = length;
    let start = pos;
    while (start < end && text.charCodeAt(start) === 0x0a) start++;
    pos = end + 1;
    if (start === end) continue;
    if (text.charCodeAt(start) === 0x48) delimiters = headerDelimiters(text.slice(start, end));
    const record = fields.index(text, delimiters.field, start, end);
    const d = delimiters;
    switch (record.field(1)) {
      case 'H': {
        const id = firstComponent(record.field(3), d);
        context = { messageId: id, headerTime: astmTimestampToIso(unescapeAstm(record.field(14), d)), patientId: null, sampleId: null };
        messageId ??= id;
        break;
      }
      case 'P':
        context = { ...context, patientId: firstComponent(record.field(3), d) ?? firstComponent(record.field(4), d), sampleId: null };
        patientId ??= context.patientId;
        break;
      case 'O':
        context = { ...context, sampleId: firstComponent(record.field(3), d) ?? firstComponent(record.field(4), d) };
        sampleId ??= context.sampleId;
        break;
      case 'R': {
        const reading = astmResultReading(record, d, context, options);
        readings.push(reading);
        lastResult = reading;
        continue;
      }
      case 'C':
        // A comment after a result (or after that result's other comments) belongs to it.
        if (lastResult) {
          const comment = astmCommentText(record, d);
          if (comment !== '') lastResult.comments.push(comment);
        }
        continue;
    }
    lastResult = null;
  }
  return new AstmDecodedMessage(messageId, patientId, sampleId, readings, text);
}

/**
 * `detail` is read only by `--messages` and the journal viewer, so its records are split into
 * fields when it is first read. It is an own, enumerable accessor property: JSON, structured clone
 * and deep equality see a plain value. Defined with shared functions, which costs far less per
 * message than an object literal with its own get/set.
 */
class AstmDecodedMessage implements DecodedMessage {
  protocol: DeviceProtocol = 'astm';
  type = 'ASTM';
  messageId: string | null;
  patientId: string | null;
  sampleId: string | null;
  readings: DecodedReading[];
  declare detail: unknown;
  readonly #text: string;
  #detail: unknown = undefined;
  #built = false;

  constructor(messageId: string | null, patientId: string | null, sampleId: string | null, readings: DecodedReading[], text: string) {
    this.messageId = messageId;
    this.patientId = patientId;
    this.sampleId = sampleId;
    this.readings = readings;
    this.#text = text;
    Object.defineProperty(this, 'detail', LAZY_DETAIL);
  }

  static readDetail(m: AstmDecodedMessage): unknown {
    if (!m.#built) {
      m.#detail = messageDetail(splitRecords(m.#text));
      m.#built = true;
    }
    return m.#detail;
  }

  static writeDetail(m: AstmDecodedMessage, value: unknown): void {
    m.#detail = value;
    m.#built = true;
  }
}

const LAZY_DETAIL: PropertyDescriptor = {
  get(this: AstmDecodedMessage) { return AstmDecodedMessage.readDetail(this); },
  set(this: AstmDecodedMessage, value: unknown) { AstmDecodedMessage.writeDetail(this, value); },
  enumerable: true,
  configurable: true,
};

function headerDelimiters(text: string): AstmDelimiters {
  // Only the field delimiter and the next three characters matter: an analyzer sends the same in
  // every message, so the last answer is remembered (as a copy, so detail objects never share it).
  const key = headerKey(text);
  if (lastHeader === null || key !== lastHeader.key) {
    const own = delimitersFromHeader(text);
    if (!own) throw new AstmParseError('syntax', 'H record does not define four distinct delimiters');
    lastHeader = { key, delimiters: own };
  }
  return { ...lastHeader.delimiters };
}

let lastHeader: { key: string; delimiters: AstmDelimiters } | null = null;

/** `H`, the field delimiter and the delimiter definitions up to the next field delimiter (at most three). */
function headerKey(text: string): string {
  if (text.length < 2) return text;
  const end = text.indexOf(text[1]!, 2);
  return text.slice(0, Math.min(end < 0 ? text.length : end, 5));
}

/** Every record split into its fields, with the delimiters of the H record before it. */
function messageDetail(texts: readonly string[]): AstmMessageDetail {
  const records: AstmRecord[] = [];
  let delimiters = DEFAULT_ASTM_DELIMITERS;
  let first: AstmDelimiters | null = null;
  for (const text of texts) {
    if (text[0] === 'H') {
      delimiters = headerDelimiters(text);
      first ??= delimiters;
    }
    records.push(parseAstmRecord(text, delimiters));
  }
  return { delimiters: first ?? DEFAULT_ASTM_DELIMITERS, records };
}
