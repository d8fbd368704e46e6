import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { astmDriver } from '../../../../main/devices/astm/astm-driver';
import { encodeAstmFrames } from '../../../../main/devices/astm/astm-message-encoder';
import { sampleLabResultRecords } from '../../../../main/devices/astm/astm-sample-message';
import type { DeliveryOutcome } from '../../../../main/devices/driver';
import { ManualTimers } from '../../../../main/ports/timers';
import { bytes, recordingCallbacks, settle } from './astm-test-kit';

const ENQ = Uint8Array.of(0x05);
const EOT = Uint8Array.of(0x04);
const ACK = 0x06;
const NAK = 0x15;

function setup(outcome?: () => Promise<DeliveryOutcome>) {
  const timers = new ManualTimers();
  const rec = recordingCallbacks(outcome);
  const link = astmDriver.createLink(rec.callbacks, { encoding: 'latin1', timers });
  return { timers, link, ...rec };
}

const frames = (records = ['H|\\^&|M1', 'P|1||PAT-1', 'O|1|S-1', 'R|1|^^^GLU|5.60|mmol/L', 'L|1|N']) => encodeAstmFrames(records, { encoding: 'latin1' });

describe('ASTM link layer (receiver)', () => {
  it('answers ENQ and every good frame with ACK and delivers the message once', async () => {
    const { link, written, delivered } = setup();
    const fs = frames();
    link.receive(ENQ);
    for (const f of fs) { link.receive(f); await settle(); }
    link.receive(EOT);
    expect(written).toEqual([ACK, ...fs.map(() => ACK)]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.message.readings[0]).toMatchObject({ code: 'GLU', value: '5.60', patientId: 'PAT-1', sampleId: 'S-1' });
  });

  it('NAKs a bad checksum and a wrong frame number, and accepts the retransmission', () => {
    const { link, written, notices } = setup();
    const [h] = frames();
    const bad = Uint8Array.from(h!);
    bad[4]! ^= 0x02;
    link.receive(ENQ);
    link.receive(bad);
    link.receive(encodeAstmFrames(['H|\\^&'], { encoding: 'latin1', firstFn: 3 })[0]!);
    link.receive(h!);
    expect(written).toEqual([ACK, NAK, NAK, ACK]);
    expect(notices.map((n) => n.kind === 'rejected' && n.reason)).toEqual(['checksum', 'sequence']);
  });

  it('ACKs a retransmitted, already accepted frame again without decoding it twice', async () => {
    const { link, written, delivered, notices } = setup();
    const fs = frames();
    link.receive(ENQ);
    for (const f of fs) { link.receive(f); await settle(); link.receive(f); await settle(); }
    expect(written).toEqual([ACK, ...fs.flatMap(() => [ACK, ACK])]);
    expect(delivered).toHaveLength(1);
    expect(notices.filter((n) => n.kind === 'duplicate')).toHaveLength(fs.length);
  });

  it('withholds the ACK of the last frame until deliver resolves, and NAKs ENQ while busy', async () => {
    let resolve!: (o: DeliveryOutcome) => void;
    const { link, written, delivered } = setup(() => new Promise((r) => { resolve = r; }));
    const fs = frames();
    link.receive(ENQ);
    fs.forEach((f) => link.receive(f));
    await settle();
    expect(written).toEqual([ACK, ...fs.slice(0, -1).map(() => ACK)]);
    expect(delivered).toHaveLength(1);
    link.receive(ENQ);
    expect(written.at(-1)).toBe(NAK);
    resolve({ stored: true, duplicate: false });
    await settle();
    expect(written.at(-1)).toBe(ACK);
    expect(written.filter((b) => b === ACK)).toHaveLength(fs.length + 1);
  });

  it('NAKs the last frame when the journal refuses the message, then delivers the retransmission', async () => {
    let stored = false;
    const { link, written, delivered } = setup(async () => (stored ? { stored: true, duplicate: false } : { stored: false, reason: 'disk full' }));
    const fs = frames();
    link.receive(ENQ);
    fs.forEach((f) => link.receive(f));
    await settle();
    expect(written.at(-1)).toBe(NAK);
    stored = true;
    link.receive(fs.at(-1)!);
    await settle();
    expect(written.at(-1)).toBe(ACK);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]!.raw).toEqual(delivered[0]!.raw);
  });

  it('treats a deliver that throws like a refusal', async () => {
    const { link, written } = setup(() => Promise.reject(new Error('boom')));
    link.receive(ENQ);
    frames().forEach((f) => link.receive(f));
    await settle();
    expect(written.at(-1)).toBe(NAK);
  });

  it('abandons a session after 30 s without a frame and then needs a new ENQ', () => {
    const { link, written, notices, timers } = setup();
    const fs = frames();
    link.receive(ENQ);
    link.receive(fs[0]!);
    link.receive(fs[1]!.subarray(0, 4));
    timers.advance(29_999);
    expect(notices).toEqual([]);
    timers.advance(1);
    expect(notices).toEqual([{ kind: 'rejected', reason: 'timeout', detail: 'no frame for 30 s: session abandoned', byteCount: fs[0]!.length + 4 }]);
    expect(timers.activeCount).toBe(0);
    link.receive(fs[1]!);
    expect(written).toEqual([ACK, ACK]);
    expect(notices.at(-1)).toMatchObject({ reason: 'sequence' });
  });

  it('reset() drops the session, cancels timers and ignores a delivery that resolves later', async () => {
    let resolve!: (o: DeliveryOutcome) => void;
    const { link, written, timers } = setup(() => new Promise((r) => { resolve = r; }));
    link.receive(ENQ);
    frames().forEach((f) => link.receive(f));
    await settle();
    const before = written.length;
    link.reset();
    expect(timers.activeCount).toBe(0);
    resolve({ stored: true, duplicate: false });
    await settle();
    expect(written.length).toBe(before);
    link.receive(ENQ);
    expect(written.at(-1)).toBe(ACK);
  });

  it('does not answer frames outside a session, and NAKs malformed frames inside one', () => {
    const { link, written, notices } = setup();
    link.receive(frames()[0]!);
    expect(written).toEqual([]);
    link.receive(ENQ);
    link.receive(bytes('\x021H|\\^&\r\x03zz\r\n'));
    expect(written).toEqual([ACK, NAK]);
    expect(notices.map((n) => n.kind === 'rejected' && n.reason)).toEqual(['sequence', 'framing']);
  });

  it('never crashes on garbage, oversized frames or random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        const { link, timers } = setup();
        for (const c of chunks) link.receive(c);
        timers.advance(60_000);
        link.reset();
      }),
      { numRuns: 100 },
    );
    const { link } = setup();
    const huge = new Uint8Array(5 * 1024 * 1024).fill(0x41);
    huge[0] = 0x02;
    link.receive(ENQ);
    link.receive(huge);
  });

  it('delivers a message completed by EOT once the journal has it, refusing new sessions meanwhile', async () => {
    let resolve!: (o: DeliveryOutcome) => void;
    const { link, written, delivered } = setup(() => new Promise((r) => { resolve = r; }));
    link.receive(ENQ);
    frames(['H|\\^&', 'R|1|^^^GLU|90|mg/dL']).forEach((f) => link.receive(f));
    link.receive(EOT);
    await settle();
    expect(delivered).toHaveLength(1);
    link.receive(ENQ);
    expect(written).toEqual([ACK, ACK, ACK, NAK]);
    resolve({ stored: true, duplicate: false });
    await settle();
    link.receive(ENQ);
    expect(written.at(-1)).toBe(ACK);
  });

  it('delivers a realistic lab message with the same content as the decoder', async () => {
    const { link, delivered } = setup();
    const records = sampleLabResultRecords({ seed: 5, index: 1, encoding: 'latin1' });
    link.receive(ENQ);
    for (const f of encodeAstmFrames(records, { encoding: 'latin1' })) { link.receive(f); await settle(); }
    expect(delivered[0]!.message).toEqual(astmDriver.parse(delivered[0]!.raw, { encoding: 'latin1' }));
  });
});
