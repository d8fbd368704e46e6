import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMeasurement } from '../../../../common/domain/devices';
import type { DecoderOptions } from '../../../../main/devices/driver';
import type { BpMeasurement } from '../../../../main/devices/hid/bp-measurement';
import { buildBpReport } from '../../../../main/devices/hid/build-bp-report';
import { hidDriver } from '../../../../main/devices/hid/hid-driver';
import { createHidDecoder } from '../../../../main/devices/hid/hid-report-decoder';
import { readBpReport } from '../../../../main/devices/hid/read-bp-report';
import {
  concatBytes, cutsArbitrary, decodeInChunks, hex, messagesOf, rejectionsOf,
} from '../decoder-test-kit';

const options: DecoderOptions = { encoding: 'latin1' };
const decode = (bytes: Uint8Array, cuts: number[] = []) => decodeInChunks(createHidDecoder(options), bytes, cuts);

const minimal: BpMeasurement = {
  units: 'mmHg', systolic: '120', diastolic: '80', meanArterial: '93',
  timestamp: null, pulseRate: null, userId: null, status: null,
};
const full: BpMeasurement = {
  ...minimal,
  timestamp: { year: 2026, month: 3, day: 5, hours: 14, minutes: 30, seconds: 0 },
  pulseRate: '72',
  userId: 1,
  status: { bodyMovement: true, cuffTooLoose: false, irregularPulse: false, pulseRateRange: 'within', improperPosition: false },
};

describe('blood-pressure HID report', () => {
  it('matches the example in docs/device-hid-report.md byte for byte', () => {
    const report = buildBpReport(full);
    expect(report).toHaveLength(64);
    expect(report.subarray(0, 20)).toEqual(hex('01 1E 78 00 50 00 5D 00 EA 07 03 05 0E 1E 00 48 00 01 01 00'));
    expect(report.subarray(20).every((b) => b === 0)).toBe(true);
  });

  it('round-trips build -> read with and without the optional fields', () => {
    expect(readBpReport(buildBpReport(minimal))).toEqual(minimal);
    expect(readBpReport(buildBpReport(full))).toEqual(full);
    const onlyPulseAndStatus: BpMeasurement = {
      ...minimal, units: 'kPa', systolic: '16.0', diastolic: '10.7', meanArterial: { special: 'NaN' }, pulseRate: '66',
      status: { bodyMovement: false, cuffTooLoose: false, irregularPulse: true, pulseRateRange: 'above', improperPosition: false },
    };
    expect(readBpReport(buildBpReport(onlyPulseAndStatus))).toEqual(onlyPulseAndStatus);
  });

  it('decodes systolic, diastolic, mean and pulse with LOINC, UCUM and the device time', () => {
    const [m] = messagesOf(decode(buildBpReport({ ...full, status: null })));
    expect(m?.message.readings.map((r) => [r.code, r.loinc, r.value, r.unit, r.ucum, r.flags, r.observedAt])).toEqual([
      ['150021', '8480-6', '120', 'mmHg', 'mm[Hg]', [], '2026-03-05T14:30:00'],
      ['150022', '8462-4', '80', 'mmHg', 'mm[Hg]', [], '2026-03-05T14:30:00'],
      ['150023', '8478-0', '93', 'mmHg', 'mm[Hg]', [], '2026-03-05T14:30:00'],
      ['149546', '8867-4', '72', 'bpm', '/min', [], '2026-03-05T14:30:00'],
    ]);
  });

  it('uses kPa when the units flag says so, keeping the precision', () => {
    const [m] = messagesOf(decode(buildBpReport({ ...minimal, units: 'kPa', systolic: '16.0', diastolic: '10.70', meanArterial: '12.5' })));
    expect(m?.message.readings.map((r) => [r.value, r.unit, r.ucum])).toEqual([
      ['16.0', 'kPa', 'kPa'], ['10.70', 'kPa', 'kPa'], ['12.5', 'kPa', 'kPa'],
    ]);
    expect(m?.message.readings.every((r) => r.observedAt === null)).toBe(true);
  });

  it('flags every reading as artifact on body movement, a loose cuff or a bad position', () => {
    for (const problem of ['bodyMovement', 'cuffTooLoose', 'improperPosition'] as const) {
      const status = { bodyMovement: false, cuffTooLoose: false, irregularPulse: false, pulseRateRange: 'within' as const, improperPosition: false, [problem]: true };
      const [m] = messagesOf(decode(buildBpReport({ ...full, status })));
      for (const r of m?.message.readings ?? []) expect(isValidMeasurement(r.flags)).toBe(false);
    }
  });

  it('notes an irregular pulse and the pulse-rate range on the pulse reading', () => {
    const status = { bodyMovement: false, cuffTooLoose: false, irregularPulse: true, pulseRateRange: 'below' as const, improperPosition: false };
    const pulse = messagesOf(decode(buildBpReport({ ...full, status })))[0]?.message.readings[3];
    expect(pulse).toMatchObject({ flags: ['low'], comments: ['irregular pulse detected'] });
  });

  it('turns an SFLOAT special into an invalid reading without a value', () => {
    const [m] = messagesOf(decode(buildBpReport({ ...minimal, meanArterial: { special: 'NRes' } })));
    expect(m?.message.readings[2]).toMatchObject({ value: '', flags: ['invalid'], comments: ['SFLOAT special value NRes'] });
    expect(m?.message.readings[0]?.flags).toEqual([]);
  });

  it('leaves observedAt empty for an unknown or impossible device time', () => {
    for (const timestamp of [{ ...full.timestamp!, year: 0 }, { ...full.timestamp!, month: 2, day: 30 }, { ...full.timestamp!, hours: 24 }]) {
      const [m] = messagesOf(decode(buildBpReport({ ...full, timestamp })));
      expect(m?.message.readings[0]?.observedAt).toBeNull();
    }
  });

  it('rejects an unknown report id as unsupported and reads the next report', () => {
    const other = buildBpReport(minimal);
    other[0] = 0x02;
    const events = decode(concatBytes([other, buildBpReport(full)]));
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['unsupported', 64]]);
    expect(messagesOf(events)).toHaveLength(1);
  });

  it('rejects a partial report at the end as truncated, and a wrong-length raw when parsing', () => {
    const events = decode(concatBytes([buildBpReport(full), buildBpReport(full).subarray(0, 40)]));
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['truncated', 40]]);
    expect(() => hidDriver.parse(buildBpReport(full).subarray(0, 63), options)).toThrow(/64 bytes/);
  });

  it('parses the journalled raw report back to the emitted message', () => {
    const [m] = messagesOf(decode(buildBpReport(full)));
    expect(m?.raw).toHaveLength(64);
    expect(hidDriver.parse(m!.raw, options)).toEqual(m!.message);
  });
});

const sfloatArbitrary = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 2045 }), fc.integer({ min: 0, max: 2 })).map(([m, d]) => (m / 10 ** d).toFixed(d)),
  fc.constantFrom('NaN', 'NRes', '+INF', '-INF').map((special) => ({ special } as const)),
);
const measurementArbitrary: fc.Arbitrary<BpMeasurement> = fc.record({
  units: fc.constantFrom('mmHg', 'kPa'),
  systolic: sfloatArbitrary,
  diastolic: sfloatArbitrary,
  meanArterial: sfloatArbitrary,
  timestamp: fc.option(fc.record({
    year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 0, max: 12 }), day: fc.integer({ min: 0, max: 31 }),
    hours: fc.integer({ min: 0, max: 23 }), minutes: fc.integer({ min: 0, max: 59 }), seconds: fc.integer({ min: 0, max: 59 }),
  })),
  pulseRate: fc.option(sfloatArbitrary),
  userId: fc.option(fc.integer({ min: 0, max: 255 })),
  status: fc.option(fc.record({
    bodyMovement: fc.boolean(), cuffTooLoose: fc.boolean(), irregularPulse: fc.boolean(),
    pulseRateRange: fc.constantFrom('within', 'above', 'below', 'reserved'), improperPosition: fc.boolean(),
  })),
});

type Segment = { kind: 'good'; measurement: BpMeasurement; bytes: Uint8Array } | { kind: 'other'; bytes: Uint8Array };
const segmentArbitrary: fc.Arbitrary<Segment> = fc.oneof(
  measurementArbitrary.map((measurement) => ({ kind: 'good' as const, measurement, bytes: buildBpReport(measurement) })),
  fc.tuple(fc.integer({ min: 2, max: 255 }), fc.uint8Array({ minLength: 63, maxLength: 63 }))
    .map(([id, rest]) => ({ kind: 'other' as const, bytes: concatBytes([Uint8Array.of(id), rest]) })),
);

describe('HID report decoder properties', () => {
  it('round-trips any measurement through build -> read', () => {
    fc.assert(fc.property(measurementArbitrary, (m) => {
      expect(readBpReport(buildBpReport(m))).toEqual(m);
    }), { numRuns: 300 });
  });

  it('gives the same events however the stream is chunked, each good report decoded once in order', () => {
    fc.assert(fc.property(fc.array(segmentArbitrary, { maxLength: 10 }), cutsArbitrary(700), (segments, cuts) => {
      const bytes = concatBytes(segments.map((s) => s.bytes));
      const events = decode(bytes, cuts);
      expect(events).toEqual(decode(bytes));
      const messages = messagesOf(events);
      const good = segments.flatMap((s) => (s.kind === 'good' ? [s] : []));
      expect(messages.map((m) => (m.message.detail as { measurement: BpMeasurement }).measurement)).toEqual(good.map((g) => g.measurement));
      expect(rejectionsOf(events).map((r) => r.reason)).toEqual(segments.filter((s) => s.kind === 'other').map(() => 'unsupported'));
      for (const m of messages) expect(hidDriver.parse(m.raw, options)).toEqual(m.message);
    }), { numRuns: 150 });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 700 }), cutsArbitrary(700), (bytes, cuts) => {
      for (const m of messagesOf(decode(bytes, cuts))) expect(hidDriver.parse(m.raw, options)).toEqual(m.message);
    }), { numRuns: 200 });
  });
});
