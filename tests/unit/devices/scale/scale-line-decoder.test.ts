import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMeasurement } from '../../../../common/domain/devices';
import type { DecoderOptions } from '../../../../main/devices/driver';
import { buildScaleLine } from '../../../../main/devices/scale/build-scale-line';
import { normaliseValue } from '../../../../main/devices/scale/parse-scale-line';
import { scaleDriver } from '../../../../main/devices/scale/scale-driver';
import { createScaleDecoder } from '../../../../main/devices/scale/scale-line-decoder';
import {
  ascii, concatBytes, cutsArbitrary, decodeInChunks, messagesOf, rejectionsOf,
} from '../decoder-test-kit';

const options: DecoderOptions = { encoding: 'latin1' };
const decode = (bytes: Uint8Array, cuts: number[] = []) => decodeInChunks(createScaleDecoder(options), bytes, cuts);
const readingsOf = (text: string) => messagesOf(decode(ascii(text))).map((m) => m.message.readings[0]);

describe('scale line decoder', () => {
  it('reads a stable gross weight as a body-weight measurement at its precision', () => {
    const [r] = readingsOf('ST,GS,+  4.876kg\r\n');
    expect(r).toMatchObject({
      protocol: 'scale', code: 'weight', value: '4.876', unit: 'kg', ucum: 'kg', loinc: '29463-7', flags: [],
      display: 'Body weight (gross)',
    });
  });

  it('keeps net mode in the display and detail', () => {
    const [m] = messagesOf(decode(ascii('ST,NT,-  0.50kg\r\n')));
    expect(m?.message.readings[0]).toMatchObject({ value: '-0.50', display: 'Body weight (net)' });
    expect(m?.message.detail).toMatchObject({ header: 'ST', mode: 'NT', valueAsSent: '-  0.50', unit: 'kg' });
  });

  it('flags unstable and overload lines so they are never taken as measurements', () => {
    const [unstable, overload, overloadNoValue] = readingsOf('US,GS,+ 71.20kg\r\nOL,GS,+9999999 kg\r\nOL,GS,    E    \r\n');
    expect(unstable).toMatchObject({ value: '71.20', flags: ['unstable'] });
    expect(overload).toMatchObject({ value: '9999999', unit: 'kg', flags: ['overload'] });
    expect(overloadNoValue).toMatchObject({ value: '', flags: ['overload'] });
    for (const r of [unstable, overload, overloadNoValue]) expect(isValidMeasurement(r?.flags ?? [])).toBe(false);
  });

  it('maps other units through UCUM and only mass units to body weight', () => {
    const [lb, g, pcs] = readingsOf('ST,GS,+ 160.4lb\nST,GS,+   1250  g\nST,GS,+     12pcs\n');
    expect(lb).toMatchObject({ value: '160.4', unit: 'lb', ucum: '[lb_av]', loinc: '29463-7' });
    expect(g).toMatchObject({ value: '1250', unit: 'g', ucum: 'g' });
    expect(pcs).toMatchObject({ value: '12', unit: 'pcs', ucum: null, loinc: null, display: 'Weight (gross)' });
  });

  it.each([
    ['+  4.876', '4.876'], ['-0.50', '-0.50'], ['+0004.80', '4.80'], ['+   .5', '0.5'], ['+  0.000', '0.000'], ['+ 12.', '12'],
  ])('strips sign and padding from %j but keeps the precision: %j', (field, expected) => {
    const m = /^([+-]?) *(.*)$/.exec(field);
    expect(normaliseValue(m?.[1] ?? '', m?.[2] ?? '')).toBe(expected);
    expect(readingsOf(`ST,GS,${field}kg\r`)[0]?.value).toBe(expected);
  });

  it('accepts CR LF, CR and LF terminators, even with CR LF split across chunks', () => {
    const bytes = ascii('ST,GS,+  1.000kg\r\nST,GS,+  2.000kg\rST,GS,+  3.000kg\nST,GS,+  4.000kg\r\n');
    const values = (cuts: number[]) => messagesOf(decode(bytes, cuts)).map((m) => m.message.readings[0]?.value);
    expect(values([])).toEqual(['1.000', '2.000', '3.000', '4.000']);
    expect(values([17, 35])).toEqual(['1.000', '2.000', '3.000', '4.000']);
    expect(rejectionsOf(decode(bytes, [17]))).toEqual([]);
  });

  it('rejects lines that are not readings as syntax, and keeps going', () => {
    const events = decode(ascii('XX,GS,+1.0kg\r\nST,GS,abc kg\r\nST,GS,+1.0\r\nST,GS,+\u00801.0kg\r\nST,GS,+  1.0kg\r\n'));
    expect(rejectionsOf(events).map((r) => r.reason)).toEqual(['syntax', 'syntax', 'syntax', 'syntax']);
    expect(messagesOf(events)).toHaveLength(1);
  });

  it('rejects an over-long line as too-long, once, and reads the next line', () => {
    const events = decode(concatBytes([ascii('9'.repeat(500)), ascii('\r\nST,GS,+  1.0kg\r\n')]), [10, 70, 300]);
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['too-long', 500]]);
    expect(messagesOf(events)).toHaveLength(1);
  });

  it('reports a line without terminator at the end as truncated', () => {
    const events = decode(ascii('ST,GS,+  1.0kg\r\nST,GS,+  2.'));
    expect(messagesOf(events)).toHaveLength(1);
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['truncated', 11]]);
  });

  it('keeps the line without terminator as raw and parses it back to the same message', () => {
    const [m] = messagesOf(decode(ascii('US,NT,+ 12.34kg\r\n')));
    expect(m?.raw).toEqual(ascii('US,NT,+ 12.34kg'));
    expect(scaleDriver.parse(m!.raw, options)).toEqual(m!.message);
  });
});

const lineArbitrary = fc.record({
  header: fc.constantFrom('ST', 'US', 'OL') as fc.Arbitrary<'ST' | 'US' | 'OL'>,
  mode: fc.constantFrom('GS', 'NT') as fc.Arbitrary<'GS' | 'NT'>,
  value: fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 3 }))
    .map(([neg, n, d]) => `${neg ? '-' : ''}${(n / 10 ** d).toFixed(d)}`),
  unit: fc.constantFrom('kg', 'g', 'lb'),
  terminator: fc.constantFrom('\r\n', '\r', '\n') as fc.Arbitrary<'\r\n' | '\r' | '\n'>,
});

type Segment = { kind: 'good'; bytes: Uint8Array; value: string } | { kind: 'junk'; bytes: Uint8Array };

const segmentArbitrary: fc.Arbitrary<Segment> = fc.oneof(
  lineArbitrary.map((l) => ({ kind: 'good' as const, bytes: buildScaleLine(l), value: l.value })),
  // A junk line: printable garbage that cannot start with a header, ended by a terminator.
  fc.string({ unit: fc.constantFrom(...'0123456789+-., kgABC%'.split('')), maxLength: 80 })
    .map((s) => ({ kind: 'junk' as const, bytes: ascii(`#${s}\r\n`) })),
  fc.uint8Array({ maxLength: 30 }).map((b) => ({ kind: 'junk' as const, bytes: concatBytes([b, ascii('\n')]) })),
);

describe('scale line decoder properties', () => {
  it('gives the same events however the stream is chunked', () => {
    fc.assert(fc.property(fc.array(segmentArbitrary, { maxLength: 12 }), cutsArbitrary(400), (segments, cuts) => {
      const bytes = concatBytes(segments.map((s) => s.bytes));
      expect(decode(bytes, cuts)).toEqual(decode(bytes));
    }), { numRuns: 150 });
  });

  it('decodes every good line exactly once, in order, with its value, and nothing from junk', () => {
    fc.assert(fc.property(fc.array(segmentArbitrary, { maxLength: 12 }), cutsArbitrary(400), (segments, cuts) => {
      const messages = messagesOf(decode(concatBytes(segments.map((s) => s.bytes)), cuts));
      const good = segments.flatMap((s) => (s.kind === 'good' ? [s] : []));
      const strip = (b: Uint8Array) => b.subarray(0, b.length - (b[b.length - 2] === 0x0d ? 2 : 1));
      expect(messages.map((m) => m.raw)).toEqual(good.map((g) => strip(g.bytes)));
      expect(messages.map((m) => m.message.readings[0]?.value)).toEqual(good.map((g) => g.value));
      for (const m of messages) expect(scaleDriver.parse(m.raw, options)).toEqual(m.message);
    }), { numRuns: 150 });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), cutsArbitrary(400), (bytes, cuts) => {
      for (const m of messagesOf(decode(bytes, cuts))) expect(scaleDriver.parse(m.raw, options)).toEqual(m.message);
    }), { numRuns: 200 });
  });
});
