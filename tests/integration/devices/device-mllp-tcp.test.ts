import { connect, createServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nativeDeviceAccess } from '../../../main/adapters/native-device-access';
import type { ByteChannel } from '../../../main/devices/driver';
import { buildOruMessage, createHl7Simulator, frameMllp, vitalSignsSample } from '../../../main/devices/hl7/hl7-driver';
import { systemTimers } from '../../../main/ports/timers';
import { DeviceRig, until } from '../../support/device-rig';
import { unwrap } from '../../support/test-workstation';

/** A free port: bind to 0, read the port, release it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A monitor or HL7 gateway connected to the workstation's MLLP listener. */
interface Sender {
  socket: Socket;
  channel: ByteChannel;
  received: number[];
}

async function connectSender(port: number): Promise<Sender> {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  const received: number[] = [];
  socket.on('data', (chunk: Buffer) => received.push(...chunk));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    received,
    channel: {
      write: (bytes) => socket.write(bytes),
      onData(listener) {
        const handler = (chunk: Buffer) => listener(new Uint8Array(chunk));
        socket.on('data', handler);
        return () => socket.off('data', handler);
      },
    },
  };
}

/** The MSA of each ACK the sender got, as "AA|control id", in order. */
function acks(sender: Sender): string[] {
  const text = Buffer.from(sender.received).toString('latin1');
  return [...text.matchAll(/MSA\|([A-Z]{2})\|([^|\r]*)/g)].map((m) => `${m[1]}|${m[2]}`);
}

function oru(controlId: string, spo2: string): Uint8Array {
  return frameMllp(buildOruMessage({
    controlId,
    timestamp: '20260302091500+0100',
    patient: { id: 'PAT-TCP' },
    observations: [{ valueType: 'NM', code: '150456', text: 'MDC_PULS_OXIM_SAT_O2', system: 'MDC', value: spo2, unit: { code: '262688', text: 'MDC_DIM_PERCENT', system: 'MDC' } }],
  }, { encoding: 'utf8' }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HL7 over MLLP on 127.0.0.1 with the real TCP listener', () => {
  let rig: DeviceRig;
  let id: string;
  let port: number;
  const senders: Sender[] = [];

  /** What the workstation read from the device, one entry per read (from its raw monitor). */
  async function reads(): Promise<string[]> {
    const { recent } = unwrap(await rig.admin.api.devices.monitor({ id, enabled: false }));
    return recent.filter((c) => c.direction === 'in').map((c) => c.hex);
  }

  async function sender(): Promise<Sender> {
    const s = await connectSender(port);
    senders.push(s);
    return s;
  }

  beforeAll(async () => {
    rig = await DeviceRig.start(nativeDeviceAccess());
    port = await freePort();
    id = await rig.createDevice({
      name: 'Gateway', kind: 'vital_signs_monitor', protocol: 'hl7', encoding: 'utf8', codeMap: {},
      transport: { type: 'tcp', listenPort: port, bindAddress: '127.0.0.1' },
    });
    const listening = await rig.waitForStatus(id, (s) => s.state === 'connected', 'the listener');
    expect(listening.reason).toBe(`listening on port ${port}`);
  });

  afterEach(() => {
    for (const s of senders.splice(0)) s.socket.destroy();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('acknowledges several messages that arrive in one read, in order, each after journaling it', async () => {
    const gateway = await sender();
    const before = (await reads()).length;

    gateway.socket.write(Buffer.concat([oru('BATCH-1', '97'), oru('BATCH-2', '96'), oru('BATCH-3', '95')]));

    // Whenever the gateway holds an ACK, the message it acknowledges is already in the journal.
    let ackedBeforeJournaled = 0;
    await until(() => {
      const acked = acks(gateway).length;
      if (rig.journal(id).length < acked) ackedBeforeJournaled++;
      return acked === 3;
    }, 'three ACKs');
    expect(ackedBeforeJournaled).toBe(0);
    expect(acks(gateway)).toEqual(['AA|BATCH-1', 'AA|BATCH-2', 'AA|BATCH-3']);
    const rows = await rig.journalProcessed(id, 3);
    expect(rows.map((r) => r.message_id)).toEqual(['BATCH-1', 'BATCH-2', 'BATCH-3']);
    // All three start bytes (VT) came in the same read.
    const startsPerRead = (await reads()).slice(before).map((hex) => hex.split(' ').filter((b) => b === '0B').length);
    expect(Math.max(...startsPerRead)).toBe(3);
    expect(rig.states(id)).toEqual(['connecting', 'connected', 'receiving']);
    const spo2 = (await rig.pending(id)).find((r) => r.loinc === '59408-5');
    expect(spo2).toMatchObject({ value: '95', ucum: '%' });
  });

  it('acknowledges once a message that trickles in over many reads', async () => {
    const gateway = await sender();
    const before = (await reads()).length;
    const message = oru('SLOW-1', '94');

    for (let at = 0; at < message.length; at += 4) {
      gateway.socket.write(message.subarray(at, at + 4));
      await sleep(1);
    }

    await until(() => acks(gateway).length === 1, 'the ACK');
    expect(acks(gateway)).toEqual(['AA|SLOW-1']);
    expect((await rig.journalProcessed(id, 4)).at(-1)?.message_id).toBe('SLOW-1');
    expect((await reads()).length - before).toBeGreaterThan(10);
    // Nothing more comes: one message, one ACK.
    await sleep(100);
    expect(acks(gateway)).toEqual(['AA|SLOW-1']);
  });

  it('serves the monitor simulator over its own connection', async () => {
    const monitor = await sender();

    const report = await createHl7Simulator({ seed: 8 }).run(monitor.channel, { messages: 2, timers: systemTimers, encoding: 'utf8' });

    expect(report).toEqual({ sent: 2, acknowledged: 2, failed: 0 });
    const rows = await rig.journalProcessed(id, 6);
    expect(rows.slice(4).map((r) => r.message_id)).toEqual(['SIM8-1', 'SIM8-2']);
    const temperature = (await rig.pending(id)).find((r) => r.loinc === '8310-5');
    expect(temperature).toMatchObject({ value: vitalSignsSample(8, 1).temperature, ucum: 'Cel' });
  });
});
