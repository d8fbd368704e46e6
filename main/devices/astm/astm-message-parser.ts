import type { DecodedReading } from '../../../common/domain/devices';
import type { DecodedMessage, DecoderOptions, MessageParser, RejectReason } from '../driver';
import {
  type AstmDelimiters, type AstmRecord, DEFAULT_ASTM_DELIMITERS, astmField, delimitersFromHeader, parseAstmRecord, unescapeAstm,
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
 * keeps them) -> the decoded message. The stream decoder uses this very function, so re-parsing a
 * journal entry always gives what was decoded live.
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
  let text: string;
  try {
    text = decodeAstmText(stream, options.encoding);
  } catch {
    throw new AstmParseError('encoding', `message is not valid ${options.encoding} text`);
  }
  return messageFromRecords(splitRecords(text), options);
};

function messageFromRecords(texts: readonly string[], options: DecoderOptions): DecodedMessage {
  const records: AstmRecord[] = [];
  const readings: DecodedReading[] = [];
  let delimiters = DEFAULT_ASTM_DELIMITERS;
  let firstDelimiters: AstmDelimiters | null = null;
  let context: AstmResultContext = { messageId: null, headerTime: null, patientId: null, sampleId: null };
  let messageId: string | null = null;
  let patientId: string | null = null;
  let sampleId: string | null = null;
  let lastResult: DecodedReading | null = null;

  for (const text of texts) {
    if (text[0] === 'H') {
      const own = delimitersFromHeader(text);
      if (!own) throw new AstmParseError('syntax', 'H record does not define four distinct delimiters');
      delimiters = own;
      firstDelimiters ??= own;
    }
    const record = parseAstmRecord(text, delimiters);
    records.push(record);
    const d = delimiters;
    switch (record.type) {
      case 'H': {
        const id = firstComponent(astmField(record, 3), d);
        context = { messageId: id, headerTime: astmTimestampToIso(unescapeAstm(astmField(record, 14), d)), patientId: null, sampleId: null };
        messageId ??= id;
        break;
      }
      case 'P':
        context = { ...context, patientId: firstComponent(astmField(record, 3), d) ?? firstComponent(astmField(record, 4), d), sampleId: null };
        patientId ??= context.patientId;
        break;
      case 'O':
        context = { ...context, sampleId: firstComponent(astmField(record, 3), d) ?? firstComponent(astmField(record, 4), d) };
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
  const detail: AstmMessageDetail = { delimiters: firstDelimiters ?? DEFAULT_ASTM_DELIMITERS, records };
  return { protocol: 'astm', type: 'ASTM', messageId, patientId, sampleId, readings, detail };
}
