import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../common/domain/devices';

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const shiftJisDecoder = new TextDecoder('shift_jis', { fatal: true });

/** Bytes -> text in the device's encoding; throws a TypeError on bytes invalid in that encoding. */
export function decodeAstmText(bytes: Uint8Array, encoding: TextEncoding): string {
  switch (encoding) {
    case 'latin1':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    case 'utf8':
      return utf8Decoder.decode(bytes);
    case 'shift_jis':
      return shiftJisDecoder.decode(bytes);
  }
}

/** Text -> bytes in the device's encoding (what a simulated analyzer transmits). */
export function encodeAstmText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'shift_jis':
      return iconv.encode(text, 'shift_jis');
  }
}
