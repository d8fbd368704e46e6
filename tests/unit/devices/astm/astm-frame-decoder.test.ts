import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { astmDriver } from '../../../../main/devices/astm/astm-driver';
import { buildAstmSession, encodeAstmFrame, encodeAstmFrames } from '../../../../main/devices/astm/astm-message-encoder';
import { sampleLabResultRecords } from '../../../../main/devices/astm/astm-sample-message';
import { concatBytes } from '../../../../main/devices/astm/astm-record-splitter';
import type { DecoderEvent } from '../../../../main/devices/driver';
import { bytes, chunked, decodeAll, messagesOf, sampleSession } from './astm-test-kit';

const ENQ = Uint8Array.of(0x05);
const EOT = Uint8Array.of(0x04);
const rejections = (events: readonly DecoderEvent[]) => events.filter((e) => e.kind === 'rejected').map((e) => e.kind === 'rejected' && e.reason);

/** A session the way a sender produces it when some frames were damaged on the wire and sent again. */
function sessionWithDamage(records: string[], damage: Map<number, (frame: Uint8Array) => Uint8Array>, duplicates: Set<number>) {
  const frames = encodeAstmFrames(records, { encoding: 'latin1' });
  const parts: Uint8Array[] = [ENQ];
  frames.forEach((frame, i) => {
    const bad = damage.get(i);
    if (bad) parts.push(bad(frame));
    parts.push(frame);
    if (duplicates.has(i)) parts.push(frame);
  });
  parts.push(EOT);
  return { stream: concatBytes(parts), frameCount: frames.length };
}

const recordsArb = fc.record({ seed: fc.nat(10_000), index: fc.nat(50) }).map(({ seed, index }) => sampleLabResultRecords({ seed, index, encoding: 'latin1' }));

describe('ASTM stream decoder', () => {
  it('decodes a session into one message whose raw bytes are its frames', () => {
    const records = sampleLabResultRecords({ seed: 3, index: 0, encoding: 'latin1' });
    const events = decodeAll([buildAstmSession([records], { encoding: 'latin1' })]);
    expect(events.map((e) => e.kind)).toEqual(['message']);
    const [m] = messagesOf(events);
    expect(Buffer.from(m!.raw)).toEqual(Buffer.from(concatBytes(encodeAstmFrames(records, { encoding: 'latin1' }))));
    expect(m!.message.readings.length).toBeGreaterThan(0);
    expect(m!.message.patientId).toMatch(/^PID\d+$/);
  });

  it('counts frame numbers 1..7,0,1 and restarts at 1 after each ENQ', () => {
    const records = Array.from({ length: 12 }, (_, i) => (i === 0 ? 'H|\\^&' : i === 11 ? 'L|1' : `R|${i}|^^^GLU|${90 + i}|mg/dL`));
    const session = buildAstmSession([records], { encoding: 'latin1' });
    const events = decodeAll([session, session]);
    expect(events.map((e) => e.kind)).toEqual(['message', 'message']);
    expect(messagesOf(events)[0]!.message.readings).toHaveLength(10);
  });

  it('joins records split across ETB frames', () => {
    const records = ['H|\\^&', `R|1|^^^GLU|5.60|mg/dL|${'x'.repeat(600)}`, 'L|1'];
    const frames = encodeAstmFrames(records, { encoding: 'latin1' });
    expect(frames.length).toBe(5);
    const [m] = messagesOf(decodeAll([buildAstmSession([records], { encoding: 'latin1' })]));
    expect(m!.message.readings[0]).toMatchObject({ value: '5.60', referenceRange: 'x'.repeat(600) });
  });

  it('rejects a bad checksum, a wrong frame number, a malformed frame and a frame cut off at the end', () => {
    const good = encodeAstmFrame(1, bytes('H|\\^&\r'), false);
    const badSum = Uint8Array.from(good);
    badSum[badSum.length - 3] = 0x30 + ((badSum[badSum.length - 3]! + 1) % 10);
    expect(rejections(decodeAll([ENQ, badSum]))).toEqual(['checksum']);
    expect(rejections(decodeAll([ENQ, encodeAstmFrame(3, bytes('H|\\^&\r'), true)]))).toEqual(['sequence']);
    expect(rejections(decodeAll([ENQ, bytes('\x021H|\\^&\r\x03ZZ\r\n')]))).toEqual(['framing']);
    expect(rejections(decodeAll([ENQ, bytes('\x02AH|\r\x0300\r\n')]))).toEqual(['framing']);
    expect(decodeAll([ENQ, good.subarray(0, 5)])).toEqual([{ kind: 'rejected', reason: 'truncated', detail: 'frame cut off at end of input', byteCount: 5 }]);
  });

  it('reports a run of noise once with its byte count, however it is chunked', () => {
    const session = sampleSession(1, 1);
    const noisy = concatBytes([bytes('garbage\r\n\x06\x15'), session]);
    const bytewise: Uint8Array[] = [...noisy.subarray(0, 20)].map((b) => Uint8Array.of(b));
    const events = decodeAll([...bytewise, noisy.subarray(20)]);
    expect(events[0]).toEqual({ kind: 'rejected', reason: 'noise', detail: '11 bytes outside frames', byteCount: 11 });
    expect(messagesOf(events)).toHaveLength(1);
  });

  it('reports a retransmitted frame once as a duplicate and decodes it once', () => {
    const records = sampleLabResultRecords({ seed: 9, index: 2, encoding: 'latin1' });
    const { stream, frameCount } = sessionWithDamage(records, new Map(), new Set([0, 2]));
    const events = decodeAll([stream]);
    expect(events.filter((e) => e.kind === 'duplicate')).toHaveLength(2);
    expect(messagesOf(events)).toHaveLength(1);
    expect(frameCount).toBeGreaterThan(2);
  });

  it('drops a message the sender gave up on (EOT after a refused frame) and one left incomplete at the end', () => {
    const frames = encodeAstmFrames(['H|\\^&', 'P|1||X', 'L|1'], { encoding: 'latin1' });
    const broken = Uint8Array.from(frames[1]!);
    broken[3]! ^= 0x01;
    const events = decodeAll([ENQ, frames[0]!, broken, EOT]);
    expect(rejections(events)).toEqual(['checksum', 'truncated']);
    expect(rejections(decodeAll([ENQ, frames[0]!]))).toEqual(['truncated']);
  });

  it('completes a message at EOT when the last record was accepted but no L record came', () => {
    const frames = encodeAstmFrames(['H|\\^&', 'R|1|^^^GLU|90|mg/dL'], { encoding: 'latin1' });
    expect(messagesOf(decodeAll([ENQ, ...frames, EOT]))).toHaveLength(1);
  });

  it('survives garbage and oversized frames without a terminator', () => {
    const decoder = astmDriver.createDecoder({ encoding: 'latin1' });
    const huge = new Uint8Array(5 * 1024 * 1024).fill(0x41);
    huge[0] = 0x02;
    const events = [...decoder.push(huge), ...decoder.push(sampleSession(2, 2)), ...decoder.end()];
    expect(rejections(events)).toEqual(['too-long', 'noise']);
    expect(messagesOf(events)).toHaveLength(1);
  });

  it('property: any chunking of valid sessions gives exactly the same events', () => {
    fc.assert(
      fc.property(fc.array(recordsArb, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 40 }), fc.boolean(), (messages, cuts, single) => {
        const stream = concatBytes(messages.map((m) => buildAstmSession([m], { encoding: 'latin1', singleFrame: single })));
        const whole = decodeAll([stream]);
        expect(whole.map((e) => e.kind)).toEqual(messages.map(() => 'message'));
        expect(decodeAll(chunked(stream, cuts))).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('property: parse(raw) equals the message the decoder emitted', () => {
    fc.assert(
      fc.property(recordsArb, fc.constantFrom('latin1', 'utf8', 'shift_jis' as const), fc.integer({ min: 3, max: 240 }), (records, encoding, maxFrameText) => {
        const recs = sampleLabResultRecords({ seed: records.length, index: maxFrameText, encoding });
        const events = decodeAll([buildAstmSession([recs], { encoding, maxFrameText })], encoding);
        const [m] = messagesOf(events);
        expect(events).toHaveLength(1);
        expect(astmDriver.parse(m!.raw, { encoding })).toEqual(m!.message);
      }),
      { numRuns: 60 },
    );
  });

  it('property: noise between sessions is reported and every message still decoded once', () => {
    const noiseArb = fc.uint8Array({ minLength: 1, maxLength: 30 }).map((a) => a.map((b) => ([2, 4, 5].includes(b) ? 0x20 : b)));
    fc.assert(
      fc.property(fc.array(fc.tuple(recordsArb, noiseArb), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 20 }), (parts, cuts) => {
        const stream = concatBytes(parts.flatMap(([records, noise]) => [noise, buildAstmSession([records], { encoding: 'latin1' })]));
        const events = decodeAll(chunked(stream, cuts));
        expect(messagesOf(events)).toHaveLength(parts.length);
        expect(events.filter((e) => e.kind === 'rejected' && e.reason === 'noise').map((e) => e.kind === 'rejected' && e.byteCount))
          .toEqual(parts.map(([, noise]) => noise.length));
      }),
      { numRuns: 60 },
    );
  });

  it('property: damaged frames are rejected, retransmissions accepted, duplicates reported, each message decoded once', () => {
    const damageArb = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), mask: fc.constant(0) }),
      fc.record({ kind: fc.constant('checksum' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 15 }) }),
    );
    fc.assert(
      fc.property(recordsArb, fc.array(fc.tuple(fc.nat(20), damageArb), { maxLength: 4 }), fc.array(fc.nat(20), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 10 }),
        (records, damages, dups, cuts) => {
          const damage = new Map(damages.map(([i, d]) => [i, (frame: Uint8Array) => {
            const copy = Uint8Array.from(frame);
            if (d.kind === 'cut') return copy.subarray(0, 1 + (d.at % (frame.length - 1)));
            if (d.kind === 'checksum') {
              const p = frame.length - 3 - (d.at % 2);
              copy[p] = '0123456789ABCDEF'.charCodeAt(('0123456789ABCDEF'.indexOf(String.fromCharCode(copy[p]!)) + d.mask) % 16);
              return copy;
            }
            const p = d.at % frame.length;
            copy[p]! ^= d.mask;
            // An ENQ or EOT inside a frame would restart or end the session: a different story.
            if (copy[p] === 0x04 || copy[p] === 0x05) copy[p] = 0x7f;
            return copy;
          }]));
          const { stream, frameCount } = sessionWithDamage(records, damage, new Set(dups));
          const events = decodeAll(chunked(stream, cuts));
          expect(messagesOf(events)).toHaveLength(1);
          expect(messagesOf(events)[0]!.message).toEqual(astmDriver.parse(concatBytes(encodeAstmFrames(records, { encoding: 'latin1' })), { encoding: 'latin1' }));
          const damaged = [...damage.keys()].filter((i) => i < frameCount).length;
          // A damaged STX turns the frame into noise; either way it is reported, never accepted.
          expect(events.filter((e) => e.kind === 'rejected').length).toBeGreaterThanOrEqual(damaged);
          expect(events.filter((e) => e.kind === 'duplicate')).toHaveLength([...new Set(dups)].filter((i) => i < frameCount).length);
        }),
      { numRuns: 150 },
    );
  });
});
