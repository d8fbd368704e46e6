import { describe, expect, it } from 'vitest';
import { astmChecksumHex } from '../../../../main/devices/astm/astm-checksum';
import { encodeAstmFrame } from '../../../../main/devices/astm/astm-message-encoder';
import { encodeAstmText } from '../../../../main/devices/astm/astm-text-codec';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('ASTM E1381 checksum', () => {
  it.each([
    ['1H|\\^&|||Mini LIS||||||||LIS2-A|20210309142633\r\x03', '96'],
    ['1A|B|C|D\r\x03', 'BF'],
    ['4L|1|N\r\x03', '07'],
  ])('matches the checked vector %j -> %s', (text, expected) => {
    expect(astmChecksumHex(latin1(text))).toBe(expected);
  });

  it('writes the checksum of FN through ETX into a frame as two uppercase hex characters', () => {
    const frame = encodeAstmFrame(4, latin1('L|1|N\r'), true);
    expect(Buffer.from(frame).toString('latin1')).toBe('\x024L|1|N\r\x0307\r\n');
  });

  it('is computed on the bytes sent, so the same name gives different checksums per encoding', () => {
    const text = '1P|1||PID1||山田^太郎\r\x03';
    const sjis = encodeAstmText(text, 'shift_jis');
    const utf8 = encodeAstmText(text, 'utf8');
    expect(sjis.length).not.toBe(utf8.length);
    const sum = (b: Uint8Array) => b.reduce((a, x) => a + x, 0) & 0xff;
    expect(astmChecksumHex(sjis)).toBe(sum(sjis).toString(16).toUpperCase().padStart(2, '0'));
    expect(astmChecksumHex(utf8)).toBe(sum(utf8).toString(16).toUpperCase().padStart(2, '0'));
  });
});
