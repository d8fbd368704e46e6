import { describe, expect, it } from 'vitest';
import type { DecoderEvent, DeliveryOutcome, LinkCallbacks } from '../../../../main/devices/driver';
import { readHl7Ack, type Hl7AckReceived } from '../../../../main/devices/hl7/hl7-ack-reader';
import { createHl7Simulator, hl7Driver } from '../../../../main/devices/hl7/hl7-driver';
import { createHl7Link } from '../../../../main/devices/hl7/hl7-link';
import { MllpFrameDecoder } from '../../../../main/devices/hl7/mllp-frame-decoder';
import { ManualTimers } from '../../../../main/ports/timers';
import { concat, duplexPipe, framed, hl7, oru, settle } from './hl7-test-kit';

type Message = Extract<DecoderEvent, { kind: 'message' }>;

/** A host side whose journal answers each delivery when the test says so. */
function host() {
  const acks: Hl7AckReceived[] = [];
  const notices: Exclude<DecoderEvent, { kind: 'message' }>[] = [];
  const pending: { event: Message; resolve: (o: DeliveryOutcome) => void }[] = [];
  const frames = new MllpFrameDecoder();
  const callbacks: LinkCallbacks = {
    write: (bytes) => {
      for (const e of frames.push(bytes)) if (e.kind === 'block') acks.push(readHl7Ack(e.raw, 'utf8')!);
    },
    deliver: (event) => new Promise((resolve) => pending.push({ event, resolve })),
    notice: (e) => notices.push(e),
  };
  const link = createHl7Link(callbacks, { encoding: 'utf8', timers: new ManualTimers(), clock: { now: () => new Date(0) } });
  return { link, acks, notices, pending };
}

describe('HL7 link', () => {
  it('acknowledges only after the journal stored the message', async () => {
    const h = host();
    h.link.receive(framed(oru('M1', ['OBX|1|NM|150456^^MDC||97|%'])));
    await settle();
    expect(h.pending).toHaveLength(1);
    expect(h.pending[0]?.event.message.readings[0]?.loinc).toBe('59408-5');
    expect(h.acks).toEqual([]);
    h.pending[0]?.resolve({ stored: true, duplicate: false });
    await settle();
    expect(h.acks).toEqual([{ code: 'AA', controlId: 'M1', text: '' }]);
  });

  it('answers AE when storing failed, and AA again for a resend already stored', async () => {
    const h = host();
    h.link.receive(framed(oru('M1')));
    await settle();
    h.pending[0]?.resolve({ stored: false, reason: 'database locked' });
    await settle();
    h.link.receive(framed(oru('M1')));
    await settle();
    h.pending[1]?.resolve({ stored: true, duplicate: true });
    await settle();
    expect(h.acks.map((a) => [a.code, a.controlId])).toEqual([['AE', 'M1'], ['AA', 'M1']]);
    expect(h.acks[0]?.text).toContain('database locked');
    expect(h.notices).toEqual([{ kind: 'duplicate', detail: expect.stringContaining('M1') }]);
  });

  it('answers AR to an unreadable block and to a message type it does not take, never to an ACK', async () => {
    const h = host();
    h.link.receive(concat(
      framed('MSH^garbage|||||||ORU^R01|BAD1'),
      framed(hl7(['MSH|^~\\&|A|B|C|D|20250101||ADT^A01|ADT7|P|2.5'])),
      framed(hl7(['MSH|^~\\&|A|B|C|D|20250101||ACK^R01|X|P|2.5', 'MSA|AA|Y'])),
    ));
    await settle();
    expect(h.acks.map((a) => [a.code, a.controlId])).toEqual([['AR', ''], ['AR', 'ADT7']]);
    expect(h.notices.map((n) => n.kind === 'rejected' && n.reason)).toEqual(['syntax', 'unsupported', 'unsupported']);
    expect(h.pending).toEqual([]);
  });

  it('salvages the control id of an unparseable MSH for its AR', async () => {
    const h = host();
    h.link.receive(framed('MSH|^^\\&|A|B|C|D|20250101||ORU^R01|SALVAGE-1|P|2.5\r'));
    await settle();
    expect(h.acks).toEqual([expect.objectContaining({ code: 'AR', controlId: 'SALVAGE-1' })]);
  });

  it('keeps ACKs in order for a pipelining sender, whatever order the journal finishes in', async () => {
    const h = host();
    h.link.receive(concat(framed(oru('P1')), framed(oru('P2')), framed(oru('P3'))));
    await settle();
    // The second message waits until the first is stored.
    expect(h.pending.map((p) => p.event.message.messageId)).toEqual(['P1']);
    h.pending[0]?.resolve({ stored: true, duplicate: false });
    await settle();
    h.pending[1]?.resolve({ stored: false, reason: 'x' });
    await settle();
    h.pending[2]?.resolve({ stored: true, duplicate: false });
    await settle();
    expect(h.acks.map((a) => [a.code, a.controlId])).toEqual([['AA', 'P1'], ['AE', 'P2'], ['AA', 'P3']]);
  });

  it('reports a half-received block on reset and does not answer it', async () => {
    const h = host();
    const block = framed(oru('R1'));
    h.link.receive(block.subarray(0, 30));
    h.link.reset();
    h.link.receive(block);
    await settle();
    expect(h.notices).toEqual([expect.objectContaining({ kind: 'rejected', reason: 'truncated' })]);
    expect(h.pending.map((p) => p.event.message.messageId)).toEqual(['R1']);
  });
});

describe('HL7 simulator against the link', () => {
  function wire(outcomes: (n: number) => DeliveryOutcome) {
    const { device, host: hostEnd } = duplexPipe();
    const timers = new ManualTimers();
    const stored: Message[] = [];
    let deliveries = 0;
    const link = hl7Driver.createLink({
      write: (bytes) => hostEnd.write(bytes),
      deliver: async (event) => {
        const outcome = outcomes(deliveries++);
        if (outcome.stored) stored.push(event);
        return outcome;
      },
      notice: () => {},
    }, { encoding: 'utf8', timers });
    hostEnd.onData((chunk) => link.receive(chunk));
    return { device, timers, stored, deliveries: () => deliveries };
  }

  it('sends vital signs that the link stores and acknowledges', async () => {
    const w = wire(() => ({ stored: true, duplicate: false }));
    const report = await createHl7Simulator({ seed: 7, chunkBytes: 17 }).run(w.device, { messages: 3, timers: w.timers, encoding: 'utf8' });
    expect(report).toEqual({ sent: 3, acknowledged: 3, failed: 0 });
    expect(w.stored.map((s) => s.message.messageId)).toEqual(['SIM7-1', 'SIM7-2', 'SIM7-3']);
    const loincs = w.stored[0]?.message.readings.map((r) => r.loinc);
    expect(loincs).toEqual(['59408-5', '8867-4', '8480-6', '8462-4', '8478-0', '8310-5']);
    const temperature = w.stored[0]?.message.readings[5];
    expect(temperature?.value).toMatch(/^\d\d\.\d$/);
    expect(temperature?.ucum).toBe('Cel');
  });

  it('resends after AE and counts the message once acknowledged', async () => {
    const w = wire((n) => (n === 0 ? { stored: false, reason: 'busy' } : { stored: true, duplicate: false }));
    const report = await createHl7Simulator({ seed: 3 }).run(w.device, { messages: 1, timers: w.timers, encoding: 'utf8' });
    expect(report).toEqual({ sent: 1, acknowledged: 1, failed: 0 });
    expect(w.deliveries()).toBe(2);
  });

  it('resends on ACK timeout and gives up after the last try', async () => {
    const { device } = duplexPipe(); // nobody answers
    const timers = new ManualTimers();
    const writes: number[] = [];
    const channel = { write: (b: Uint8Array) => { writes.push(b.length); device.write(b); }, onData: device.onData };
    const run = createHl7Simulator({ ackTimeoutMs: 1000, maxTries: 3 }).run(channel, { messages: 1, timers, encoding: 'utf8' });
    for (let i = 0; i < 3; i++) {
      await settle(2);
      timers.advance(1000);
    }
    expect(await run).toEqual({ sent: 1, acknowledged: 0, failed: 1 });
    expect(writes).toHaveLength(3);
  });

  it('produces the same messages for the same seed and different ones for another', async () => {
    const a = wire(() => ({ stored: true, duplicate: false }));
    const b = wire(() => ({ stored: true, duplicate: false }));
    await createHl7Simulator({ seed: 5 }).run(a.device, { messages: 2, timers: a.timers, encoding: 'utf8' });
    await createHl7Simulator({ seed: 5 }).run(b.device, { messages: 2, timers: b.timers, encoding: 'utf8' });
    expect(b.stored.map((s) => Buffer.from(s.raw).toString('hex'))).toEqual(a.stored.map((s) => Buffer.from(s.raw).toString('hex')));
    const values = (m: Message | undefined) => m?.message.readings.map((r) => r.value).join();
    expect(values(a.stored[0])).not.toEqual(values(a.stored[1]));
  });
});
