import { describe, expect, it } from 'vitest';
import type { ByteChannel } from '../../../../main/devices/driver';
import { createHidDecoder } from '../../../../main/devices/hid/hid-report-decoder';
import { createHidSimulator } from '../../../../main/devices/hid/hid-simulator';
import { ManualClock } from '../../../../main/ports/clock';
import { ManualTimers } from '../../../../main/ports/timers';
import { concatBytes, decodeInChunks, messagesOf } from '../decoder-test-kit';

describe('HID blood-pressure simulator', () => {
  it('writes one 64-byte report per measurement at the interval, stamped with the monitor clock', async () => {
    const timers = new ManualTimers();
    const writes: Uint8Array[] = [];
    const channel: ByteChannel = { write: (b) => { writes.push(b); }, onData: () => () => undefined };
    const clock = new ManualClock(new Date(2026, 2, 5, 14, 30, 0));
    const done = createHidSimulator({ seed: 2, clock }).run(channel, { messages: 3, intervalMs: 1000, timers, encoding: 'latin1' });
    timers.advance(2000);
    await expect(done).resolves.toEqual({ sent: 3, acknowledged: 3, failed: 0 });
    expect(writes.map((w) => w.length)).toEqual([64, 64, 64]);

    const messages = messagesOf(decodeInChunks(createHidDecoder({ encoding: 'latin1' }), concatBytes(writes)));
    expect(messages).toHaveLength(3);
    for (const { message } of messages) {
      const [sys, dia, map, pulse] = message.readings.map((r) => Number(r.value));
      expect(sys).toBeGreaterThan(dia ?? 0);
      expect(map).toBeGreaterThan(dia ?? 0);
      expect(pulse).toBeGreaterThanOrEqual(60);
      expect(message.readings[0]?.observedAt).toBe('2026-03-05T14:30:00');
    }
  });
});
