import { describe, expect, it } from 'vitest';
import type { ByteChannel, DecoderEvent, DeliveryOutcome, LinkCallbacks } from '../../../../main/devices/driver';
import { buildNoninPacket } from '../../../../main/devices/nonin/build-nonin-packet';
import { createListenOnlyLink, type ListenOnlyLink } from '../../../../main/devices/listen-only-link';
import { noninDriver } from '../../../../main/devices/nonin/nonin-driver';
import { createNoninDecoder } from '../../../../main/devices/nonin/nonin-packet-decoder';
import { createNoninSimulator } from '../../../../main/devices/nonin/nonin-simulator';
import { ManualTimers } from '../../../../main/ports/timers';
import { concatBytes, decodeInChunks, flipByte, messagesOf } from '../decoder-test-kit';

function recordingCallbacks(delayFirstDelivery = false) {
  const log: string[] = [];
  const writes: Uint8Array[] = [];
  let release: (() => void) | null = null;
  const callbacks: LinkCallbacks = {
    write: (bytes) => { writes.push(bytes); },
    async deliver(event): Promise<DeliveryOutcome> {
      const spo2 = event.message.readings[0]?.value;
      log.push(`deliver ${spo2}`);
      if (delayFirstDelivery && log.length === 1) await new Promise<void>((r) => { release = r; });
      log.push(`stored ${spo2}`);
      return { stored: true, duplicate: false };
    },
    notice: (event: Exclude<DecoderEvent, { kind: 'message' }>) => {
      log.push(`notice ${event.kind === 'rejected' ? event.reason : event.kind}`);
    },
  };
  return { callbacks, log, writes, release: () => release?.() };
}

describe('Nonin link', () => {
  it('delivers packets one at a time in arrival order and never writes to the oximeter', async () => {
    const rec = recordingCallbacks(true);
    const link = noninDriver.createLink(rec.callbacks, { encoding: 'latin1', timers: new ManualTimers() }) as ListenOnlyLink;
    const bad = buildNoninPacket({ heartRate: 70, spo2: 95 });
    flipByte(bad, 22, 1);
    link.receive(buildNoninPacket({ heartRate: 70, spo2: 91 }));
    link.receive(concatBytes([bad, buildNoninPacket({ heartRate: 70, spo2: 92 })]));
    await Promise.resolve();
    expect(rec.log).toEqual(['deliver 91']);
    rec.release();
    await link.settled();
    expect(rec.log).toEqual(['deliver 91', 'stored 91', 'notice checksum', 'notice noise', 'deliver 92', 'stored 92']);
    expect(rec.writes).toEqual([]);
  });

  it('keeps delivering after a failed delivery', async () => {
    const delivered: string[] = [];
    const link = createListenOnlyLink(() => createNoninDecoder({ encoding: 'latin1' }), {
      write: () => undefined,
      deliver: async (event) => {
        const spo2 = event.message.readings[0]?.value ?? '';
        delivered.push(spo2);
        if (spo2 === '91') throw new Error('disk full');
        return { stored: true, duplicate: false };
      },
      notice: () => undefined,
    });
    link.receive(concatBytes([buildNoninPacket({ heartRate: 70, spo2: 91 }), buildNoninPacket({ heartRate: 70, spo2: 92 })]));
    await link.settled();
    expect(delivered).toEqual(['91', '92']);
  });

  it('drops a half-received packet on reset', async () => {
    const rec = recordingCallbacks();
    const link = noninDriver.createLink(rec.callbacks, { encoding: 'latin1', timers: new ManualTimers() }) as ListenOnlyLink;
    const p = buildNoninPacket({ heartRate: 70, spo2: 93 });
    link.receive(p.subarray(0, 60));
    link.reset();
    link.receive(p.subarray(60));
    link.receive(buildNoninPacket({ heartRate: 70, spo2: 94 }));
    await link.settled();
    expect(rec.log.filter((l) => l.startsWith('stored'))).toEqual(['stored 94']);
  });
});

describe('Nonin simulator', () => {
  function pipe(): ByteChannel & { chunks: Uint8Array[] } {
    const chunks: Uint8Array[] = [];
    return { chunks, write: (b) => { chunks.push(b); }, onData: () => () => undefined };
  }

  it('streams three packets a second that decode cleanly', async () => {
    const timers = new ManualTimers();
    const channel = pipe();
    const done = createNoninSimulator({ seed: 7 }).run(channel, { messages: 9, timers, encoding: 'latin1' });
    expect(channel.chunks).toHaveLength(1);
    timers.advance(1000);
    expect(channel.chunks).toHaveLength(4);
    timers.advance(2000);
    await expect(done).resolves.toEqual({ sent: 9, acknowledged: 9, failed: 0 });
    const events = decodeInChunks(createNoninDecoder({ encoding: 'latin1' }), concatBytes(channel.chunks));
    expect(events.every((e) => e.kind === 'message')).toBe(true);
    for (const { message } of messagesOf(events)) {
      const [spo2, hr] = message.readings.map((r) => Number(r.value));
      expect(spo2).toBeGreaterThanOrEqual(90);
      expect(spo2).toBeLessThanOrEqual(100);
      expect(hr).toBeGreaterThanOrEqual(50);
      expect(hr).toBeLessThanOrEqual(100);
    }
  });

  async function session(seed: number, messages: number): Promise<Uint8Array> {
    const timers = new ManualTimers();
    const channel = pipe();
    const done = createNoninSimulator({ seed, artifactEpisodes: true }).run(channel, { messages, intervalMs: 10, timers, encoding: 'latin1' });
    timers.advance(messages * 10);
    await done;
    return concatBytes(channel.chunks);
  }

  it('replays the same session for the same seed', async () => {
    expect(await session(3, 20)).toEqual(await session(3, 20));
    expect(await session(3, 20)).not.toEqual(await session(4, 20));
  });

  it('includes a two-second artifact episode every thirty seconds when asked', async () => {
    const messages = messagesOf(decodeInChunks(createNoninDecoder({ encoding: 'latin1' }), await session(3, 90)));
    const flagged = messages.filter((m) => m.message.readings.every((r) => r.flags.includes('artifact')));
    expect(messages).toHaveLength(90);
    expect(flagged).toHaveLength(6);
  });

  it('stops when aborted', async () => {
    const timers = new ManualTimers();
    const controller = new AbortController();
    const channel = pipe();
    const done = createNoninSimulator().run(channel, { timers, encoding: 'latin1', signal: controller.signal });
    timers.advance(700);
    controller.abort();
    await expect(done).resolves.toEqual({ sent: 3, acknowledged: 3, failed: 0 });
    expect(timers.activeCount).toBe(0);
  });
});
