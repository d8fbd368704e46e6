import type { TextEncoding } from '../../../common/domain/devices';
import type { Hl7AckCode } from './hl7-ack-builder';
import { readHl7Delimiters } from './hl7-delimiters';
import { Hl7FieldReader, segmentFields, splitHl7Segments } from './hl7-segment';
import { decodeHl7Text } from './hl7-text-codec';

export interface Hl7AckReceived {
  code: Hl7AckCode;
  /** MSA-2: the control id of the message being acknowledged, unescaped. */
  controlId: string;
  text: string;
}

/** The sender's side: reads MSA from an ACK block; null for anything that is not an ACK. */
export function readHl7Ack(raw: Uint8Array, encoding: TextEncoding): Hl7AckReceived | null {
  const text = decodeHl7Text(raw, encoding).replace(/^[\s\r\n]+/, '');
  if (!text.startsWith('MSH')) return null;
  try {
    const d = readHl7Delimiters(text.slice(0, text.search(/[\r\n]|$/)));
    const reader = new Hl7FieldReader(d, encoding);
    const segment = splitHl7Segments(text, d).find((s) => s[0] === 'MSA');
    if (!segment) return null;
    const msa = segmentFields(segment);
    // Original-mode codes (AA/AE/AR) and enhanced-mode commit codes (CA/CE/CR) read the same.
    const code = reader.component(msa, 1).replace(/^C/, 'A');
    if (code !== 'AA' && code !== 'AE' && code !== 'AR') return null;
    return { code, controlId: reader.component(msa, 2), text: reader.component(msa, 3) };
  } catch {
    return null;
  }
}
