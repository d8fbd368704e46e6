import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../common/domain/devices';

const ICONV_NAME: Readonly<Record<TextEncoding, string>> = { latin1: 'latin1', utf8: 'utf8', shift_jis: 'shift_jis' };

/** Bytes as the device sent them -> text. Undecodable bytes become U+FFFD rather than failing the message. */
export function decodeHl7Text(bytes: Uint8Array, encoding: TextEncoding): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Node decodes Latin-1 and UTF-8 natively, as iconv-lite would, but several times faster; iconv-lite
  // also drops a leading UTF-8 BOM, which the parser strips as leading white space anyway.
  if (encoding === 'latin1') return buf.toString('latin1');
  if (encoding === 'utf8') return stripBom(buf.toString('utf8'));
  return iconv.decode(buf, ICONV_NAME[encoding]);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function encodeHl7Text(text: string, encoding: TextEncoding): Uint8Array {
  return iconv.encode(text, ICONV_NAME[encoding]);
}

/**
 * The encoding MSH-18 names, when it names one of ours unambiguously (HL7 table 0211).
 * Anything else (absent, ASCII, ISO IR87, vendor spellings) leaves the device's configured encoding.
 */
export function encodingFromCharset(charset: string): TextEncoding | null {
  const name = charset.trim().toUpperCase().replace(/[\s_-]+/g, ' ');
  if (name === 'UNICODE UTF 8' || name === 'UTF 8' || name === 'UTF8') return 'utf8';
  if (name === '8859/1' || name === 'ISO 8859 1' || name === 'ISO IR100') return 'latin1';
  if (name === 'SHIFT JIS' || name === 'SJIS' || name === 'MS KANJI') return 'shift_jis';
  return null;
}
