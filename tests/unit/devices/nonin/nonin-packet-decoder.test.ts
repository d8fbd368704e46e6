import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMeasurement } from '../../../../common/domain/devices';
import type { DecoderOptions } from '../../../../main/devices/driver';
import { buildNoninPacket, type NoninPacketValues } from '../../../../main/devices/nonin/build-nonin-packet';
import { isNoninSyncFrame, noninFrameProblem } from '../../../../main/devices/nonin/nonin-frame';
import { createNoninDecoder } from '../../../../main/devices/nonin/nonin-packet-decoder';
import { noninDriver } from '../../../../main/devices/nonin/nonin-driver';
import {
  concatBytes, cutsArbitrary, decodeInChunks, flipByte, hex, messagesOf, rejectionsOf,
} from '../decoder-test-kit';

const options: DecoderOptions = { encoding: 'latin1' };
const decode = (bytes: Uint8Array, cuts: number[] = []) => decodeInChunks(createNoninDecoder(options), bytes, cuts);
const packet = (values: Partial<NoninPacketValues> = {}) => buildNoninPacket({ heartRate: 72, spo2: 97, ...values });

describe('Nonin format #2 frames', () => {
  it('accepts the example frame 01 81 01 00 83 as a SYNC frame', () => {
    const frame = hex('01 81 01 00 83');
    expect(noninFrameProblem(frame, 0)).toBeNull();
    expect(isNoninSyncFrame(frame, 0)).toBe(true);
    expect(buildNoninPacket({ heartRate: 72, spo2: 97, pleth: [1], perfusion: null }).subarray(0, 5)).toEqual(frame);
  });

  it('rejects a frame whose checksum is not the sum of the first four bytes mod 256', () => {
    expect(noninFrameProblem(hex('01 81 01 00 84'), 0)).toBe('checksum');
    expect(noninFrameProblem(hex('02 81 01 00 84'), 0)).toBe('framing');
    expect(noninFrameProblem(hex('01 01 01 00 03'), 0)).toBe('framing');
  });
});

describe('Nonin packet decoder', () => {
  it('turns one 25-frame packet into SpO2 and pulse-rate readings', () => {
    const raw = packet({ heartRate: 300, spo2: 94 });
    const [message] = messagesOf(decode(raw));
    expect(message?.raw).toEqual(raw);
    expect(message?.message.type).toBe('nonin-packet');
    expect(message?.message.readings.map((r) => [r.code, r.value, r.unit, r.loinc, r.ucum, r.flags])).toEqual([
      ['SpO2', '94', '%', '59408-5', '%', []],
      ['HR', '300', 'bpm', '8867-4', '/min', []],
    ]);
  });

  it('reports a bad checksum, drops that packet and decodes the next one', () => {
    const bad = packet({ spo2: 90 });
    flipByte(bad, 7 * 5 + 4, 0x10);
    const good = packet({ spo2: 91 });
    const events = decode(concatBytes([bad, good]));
    expect(messagesOf(events).map((m) => m.message.readings[0]?.value)).toEqual(['91']);
    const [checksum, ...rest] = rejectionsOf(events);
    expect(checksum).toMatchObject({ reason: 'checksum', byteCount: 35 });
    expect(rest.map((r) => r.reason)).toEqual(['noise']);
  });

  it('resynchronises on the next SYNC frame and reports the skipped run once, with its length', () => {
    const events = decode(concatBytes([hex('00 ff 01 80 81 55 01'), packet(), hex('13 37'), packet()]), [3, 9, 130]);
    expect(messagesOf(events)).toHaveLength(2);
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['noise', 7], ['noise', 2]]);
  });

  it('reports a long run of garbage every 1024 bytes so a wrong baud rate shows while it lasts', () => {
    const events = decode(new Uint8Array(3000));
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['noise', 1024], ['noise', 1024], ['noise', 952]]);
  });

  it('reports a packet cut short by a new SYNC frame and decodes the new packet', () => {
    const events = decode(concatBytes([packet().subarray(0, 50), packet({ spo2: 93 })]));
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['truncated', 50]]);
    expect(messagesOf(events).map((m) => m.message.readings[0]?.value)).toEqual(['93']);
  });

  it('reports a partial packet at the end of input as truncated', () => {
    const events = decode(concatBytes([packet(), packet().subarray(0, 62)]));
    expect(messagesOf(events)).toHaveLength(1);
    expect(rejectionsOf(events).map((r) => [r.reason, r.byteCount])).toEqual([['truncated', 62]]);
  });

  it.each([
    [{ sensorDisconnect: true }, 'sensor-alarm'],
    [{ sensorAlarm: true }, 'sensor-alarm'],
    [{ outOfTrack: true }, 'out-of-track'],
    [{ artifact: true }, 'artifact'],
  ] as const)('flags both readings when any one frame carries %o', (alarms, flag) => {
    const [message] = messagesOf(decode(packet({ alarms, alarmFrames: [17] })));
    for (const r of message?.message.readings ?? []) {
      expect(r.flags).toEqual([flag]);
      expect(isValidMeasurement(r.flags)).toBe(false);
    }
  });

  it('treats HR 511 and SpO2 127 as no reading, never as a value', () => {
    const [message] = messagesOf(decode(packet({ heartRate: 511, spo2: 127 })));
    expect(message?.message.readings.map((r) => [r.code, r.value, r.flags])).toEqual([
      ['SpO2', '', ['no-reading']],
      ['HR', '', ['no-reading']],
    ]);
  });

  it('parses the journalled raw bytes back to the emitted message', () => {
    const [message] = messagesOf(decode(packet({ heartRate: 131, alarms: { artifact: true }, perfusion: 'yellow' })));
    expect(message).toBeDefined();
    expect(noninDriver.parse(message!.raw, options)).toEqual(message!.message);
  });

  it('refuses to parse bytes that are not one verified packet', () => {
    expect(() => noninDriver.parse(packet().subarray(0, 120), options)).toThrow();
    const bad = packet();
    flipByte(bad, 3, 1);
    expect(() => noninDriver.parse(bad, options)).toThrow(/checksum/);
  });
});

const valuesArbitrary: fc.Arbitrary<NoninPacketValues> = fc.record({
  heartRate: fc.integer({ min: 0, max: 511 }),
  spo2: fc.integer({ min: 0, max: 127 }),
  firmwareRevision: fc.integer({ min: 0, max: 255 }),
  timer: fc.integer({ min: 0, max: 16383 }),
  pleth: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 25, maxLength: 25 }),
  perfusion: fc.constantFrom('green', 'yellow', 'red', null),
  alarms: fc.record({ artifact: fc.boolean(), outOfTrack: fc.boolean(), sensorAlarm: fc.boolean(), sensorDisconnect: fc.boolean() }),
});

type Segment =
  | { kind: 'good'; bytes: Uint8Array }
  | { kind: 'noise'; bytes: Uint8Array }
  | { kind: 'corrupt'; bytes: Uint8Array };

const segmentArbitrary: fc.Arbitrary<Segment> = fc.oneof(
  valuesArbitrary.map((v) => ({ kind: 'good' as const, bytes: buildNoninPacket(v) })),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => ({ kind: 'noise' as const, bytes })),
  fc.tuple(valuesArbitrary, fc.integer({ min: 0, max: 124 }), fc.integer({ min: 1, max: 255 })).map(([v, at, xor]) => {
    const bytes = buildNoninPacket(v);
    flipByte(bytes, at, xor);
    return { kind: 'corrupt' as const, bytes };
  }),
);

describe('Nonin packet decoder properties', () => {
  it('gives the same events however the stream is chunked', () => {
    fc.assert(fc.property(fc.array(segmentArbitrary, { maxLength: 8 }), cutsArbitrary(1000), (segments, cuts) => {
      const bytes = concatBytes(segments.map((s) => s.bytes));
      expect(decode(bytes, cuts)).toEqual(decode(bytes));
    }), { numRuns: 150 });
  });

  it('decodes every good packet exactly once, in order, and nothing from noise or corruption', () => {
    fc.assert(fc.property(fc.array(segmentArbitrary, { maxLength: 8 }), cutsArbitrary(1000), (segments, cuts) => {
      const events = decode(concatBytes(segments.map((s) => s.bytes)), cuts);
      const good = segments.filter((s) => s.kind === 'good').map((s) => s.bytes);
      const messages = messagesOf(events);
      expect(messages.map((m) => m.raw)).toEqual(good);
      for (const m of messages) expect(noninDriver.parse(m.raw, options)).toEqual(m.message);
    }), { numRuns: 200 });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), cutsArbitrary(600), (bytes, cuts) => {
      for (const m of messagesOf(decode(bytes, cuts))) expect(noninDriver.parse(m.raw, options)).toEqual(m.message);
    }), { numRuns: 200 });
  });
});
