import { describe, expect, it } from 'vitest';
import type { ByteChannel, DecodedMessage } from '../../../../main/devices/driver';
import type { ListenOnlyLink } from '../../../../main/devices/listen-only-link';
import { scaleDriver } from '../../../../main/devices/scale/scale-driver';
import { createScaleSimulator } from '../../../../main/devices/scale/scale-simulator';
import { ManualTimers } from '../../../../main/ports/timers';

describe('scale simulator', () => {
  it('plays a person stepping on: unstable lines settling, then stable lines, delivered in order', async () => {
    const timers = new ManualTimers();
    const delivered: DecodedMessage[] = [];
    const writes: Uint8Array[] = [];
    const link = scaleDriver.createLink({
      write: (b) => { writes.push(b); },
      deliver: async (event) => { delivered.push(event.message); return { stored: true, duplicate: false }; },
      notice: (event) => { throw new Error(`unexpected ${JSON.stringify(event)}`); },
    }, { encoding: 'latin1', timers }) as ListenOnlyLink;
    const channel: ByteChannel = { write: (b) => link.receive(b), onData: () => () => undefined };

    const done = createScaleSimulator({ seed: 5 }).run(channel, { messages: 19, timers, encoding: 'latin1' });
    timers.advance(19 * 200);
    await expect(done).resolves.toEqual({ sent: 19, acknowledged: 19, failed: 0 });
    await link.settled();

    const headers = delivered.map((m) => (m.detail as { header: string }).header).join(' ');
    expect(headers).toBe('ST ST ST US US US US US US ST ST ST ST ST ST ST ST US US');
    const stable = delivered.slice(9, 17).map((m) => m.readings[0]?.value);
    expect(new Set(stable).size).toBe(1);
    expect(Number(stable[0])).toBeGreaterThan(40);
    expect(stable[0]).toMatch(/^\d+\.\d{2}$/);
    expect(delivered.slice(3, 9).every((m) => m.readings[0]?.flags.includes('unstable'))).toBe(true);
    expect(writes).toEqual([]);
  });
});
