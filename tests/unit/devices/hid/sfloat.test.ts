import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFloat, decodeSfloat, encodeFloat, encodeSfloat, FLOAT_SPECIALS, SFLOAT_SPECIALS,
} from '../../../../main/devices/hid/sfloat';

const valueOf = (n: ReturnType<typeof decodeSfloat>) => (n.kind === 'number' ? n.value : n.special);

describe('IEEE 11073 SFLOAT', () => {
  it.each([
    [0x0002, '2'], [0xf014, '2.0'], [0xe0c8, '2.00'], [0x1002, '20'], [0x0b2e, '-1234'], [0xf2d5, '72.5'],
    [0x0000, '0'], [0xd005, '0.005'], [0xfffb, '-0.5'], [0x7001, '10000000'], [0x07fd, '2045'], [0x0803, '-2045'],
  ])('decodes SFLOAT word %i to %j at its precision', (word, expected) => {
    expect(valueOf(decodeSfloat(word))).toBe(expected);
  });

  it.each([[0x07ff, 'NaN'], [0x0800, 'NRes'], [0x07fe, '+INF'], [0x0802, '-INF'], [0x0801, 'reserved']])(
    'returns the special for raw word %i (%s), tested before any arithmetic',
    (word, special) => {
      expect(decodeSfloat(word)).toEqual({ kind: 'special', special });
    },
  );

  it('decodes the same mantissa with another exponent as a number, not a special', () => {
    expect(decodeSfloat(0x17ff)).toMatchObject({ kind: 'number', value: '20470' });
  });

  it('encodes decimals keeping their precision and refuses what does not fit', () => {
    expect(encodeSfloat('72.5')).toBe(0xf2d5);
    expect(encodeSfloat('2.00')).toBe(0xe0c8);
    expect(encodeSfloat('-1234')).toBe(0x0b2e);
    expect(encodeSfloat('20000')).toBe(0x17d0);
    expect(encodeSfloat('NaN')).toBe(SFLOAT_SPECIALS.NaN);
    expect(encodeSfloat('20460')).toBe(0x17fe);
    expect(() => encodeSfloat('2046')).toThrow(RangeError);
    expect(() => encodeSfloat('12.345')).toThrow(RangeError);
    expect(() => encodeSfloat('abc')).toThrow(RangeError);
  });

  it('round-trips every one of the 65536 words that is not a special through its string', () => {
    const mismatches: number[] = [];
    for (let word = 0; word <= 0xffff; word += 1) {
      const n = decodeSfloat(word);
      if (n.kind === 'number' && valueOf(decodeSfloat(encodeSfloat(n.value))) !== n.value) mismatches.push(word);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('IEEE 11073 FLOAT', () => {
  it.each([
    [0x00000002, '2'], [0xff000014, '2.0'], [0xfe0000c8, '2.00'], [0x01000002, '20'], [0x00fffb2e, '-1234'],
    [0xfd01e240, '123.456'], [0x80000001, `0.${'0'.repeat(127)}1`],
  ])('decodes FLOAT word %i to %j at its precision', (word, expected) => {
    expect(decodeFloat(word)).toMatchObject({ kind: 'number', value: expected });
  });

  it('recognises the FLOAT specials on the raw word', () => {
    for (const [special, word] of Object.entries(FLOAT_SPECIALS)) {
      expect(decodeFloat(word)).toEqual({ kind: 'special', special });
      expect(encodeFloat(special)).toBe(word);
    }
  });

  it('round-trips decimals that fit a 24-bit mantissa', () => {
    fc.assert(fc.property(fc.integer({ min: -8388605, max: 8388605 }), fc.integer({ min: 0, max: 6 }), (m, d) => {
      const text = (m / 10 ** d).toFixed(d);
      const n = decodeFloat(encodeFloat(text));
      expect(n).toMatchObject({ kind: 'number' });
      expect(Number(n.kind === 'number' ? n.value : NaN)).toBe(Number(text));
    }), { numRuns: 300 });
  });
});
