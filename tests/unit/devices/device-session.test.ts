import { describe, expect, it } from 'vitest';
import type { DeviceJournal } from '../../../main/devices/device-journal';
import { DeviceSession, GARBAGE_THRESHOLD, IDLE_AFTER_MS } from '../../../main/devices/device-session';
import { ManualClock } from '../../../main/ports/clock';
import { ManualTimers } from '../../../main/ports/timers';
import { PipeTransportFactory } from '../../support/pipe-transport';

const PATH = '/dev/ttyUSB0';
const line = (text: string) => new TextEncoder().encode(`${text}\r\n`);
/** The pipe delivers on microtasks and the journal resolves on promises: let them all run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

function scaleSession() {
  const factory = new PipeTransportFactory();
  const scale = factory.plug(PATH);
  const timers = new ManualTimers();
  let seq = 0;
  const journal = { append: async () => ({ seq: ++seq, duplicate: false }) } as unknown as DeviceJournal;
  const session = new DeviceSession(
    {
      id: '4d000000-0000-4000-8000-000000000001', name: 'Scale', protocol: 'scale', encoding: 'latin1', codeMap: {}, active: true,
      transport: { type: 'serial', path: PATH, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
    },
    { factory, journal, timers, clock: new ManualClock(), onStatus: () => undefined, onTraffic: () => undefined },
  );
  return { scale, timers, session };
}

describe('device session status', () => {
  it('goes idle after recovering from undecodable data when the device then falls silent', async () => {
    const { scale, timers, session } = scaleSession();
    session.start();
    await flush();
    for (let i = 0; i < GARBAGE_THRESHOLD; i++) scale.write(line(`#garbage ${i}`));
    await flush();
    expect(session.status.state).toBe('error');
    // The technician takes a while to fix the line settings.
    timers.advance(IDLE_AFTER_MS * 2);
    expect(session.status.state).toBe('error');

    scale.write(line('ST,GS,+  72.35kg'));
    await flush();
    expect(session.status).toMatchObject({ state: 'receiving', reason: null, messagesReceived: 1 });

    timers.advance(IDLE_AFTER_MS);
    expect(session.status.state).toBe('idle');
    await session.stop();
  });
});
