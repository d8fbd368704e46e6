import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TcpTransport } from '../../../common/domain/devices';
import { createDeviceTransportFactory } from '../../../main/adapters/device-transport-factory';
import type { DeviceStream, OpenedTransport } from '../../../main/ports/device-transport';

const WAIT = { timeout: 5_000, interval: 10 };
const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;

function mllp(text: string): Uint8Array {
  return Uint8Array.from([VT, ...new TextEncoder().encode(text), FS, CR]);
}

/** A free port: bind to 0, read the port, release it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Client {
  socket: Socket;
  received: number[];
  closed: boolean;
}

async function connectClient(port: number): Promise<Client> {
  const socket = connect({ port, host: '127.0.0.1' });
  const client: Client = { socket, received: [], closed: false };
  socket.on('data', (chunk) => client.received.push(...chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    client.closed = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return client;
}

describe('TCP MLLP listener', () => {
  const factory = createDeviceTransportFactory();
  const transports: OpenedTransport[] = [];
  const sockets: Socket[] = [];
  const blockers: Server[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await Promise.all(transports.splice(0).map((t) => t.close()));
    await Promise.all(blockers.splice(0).map((b) => new Promise<void>((resolve) => b.close(() => resolve()))));
  });

  async function listen(): Promise<{ transport: OpenedTransport; port: number; streams: DeviceStream[] }> {
    const port = await freePort();
    const config: TcpTransport = { type: 'tcp', listenPort: port, bindAddress: '127.0.0.1' };
    const transport = await factory.open(config);
    transports.push(transport);
    const streams: DeviceStream[] = [];
    transport.onStream((s) => streams.push(s));
    return { transport, port, streams };
  }

  async function client(port: number): Promise<Client> {
    const c = await connectClient(port);
    sockets.push(c.socket);
    return c;
  }

  it('gives each connecting client its own stream, with bytes both ways', async () => {
    const { port, streams } = await listen();
    const monitor = await client(port);
    await vi.waitFor(() => expect(streams).toHaveLength(1), WAIT);
    const gateway = await client(port);
    await vi.waitFor(() => expect(streams).toHaveLength(2), WAIT);
    const [first, second] = streams as [DeviceStream, DeviceStream];

    expect(first.label).toBe(`tcp 127.0.0.1:${monitor.socket.localPort}`);
    expect(second.label).toBe(`tcp 127.0.0.1:${gateway.socket.localPort}`);

    const atFirst: number[] = [];
    const atSecond: number[] = [];
    first.onData((chunk) => atFirst.push(...chunk));
    second.onData((chunk) => atSecond.push(...chunk));

    const fromMonitor = mllp('MSH|^~\\&|MONITOR|ICU|||20260302080000||ORU^R01|1|P|2.6\r');
    const fromGateway = mllp('MSH|^~\\&|GATEWAY|LAB|||20260302080000||ORU^R01|2|P|2.5\r');
    monitor.socket.write(fromMonitor);
    gateway.socket.write(fromGateway);
    await vi.waitFor(() => expect(atFirst).toEqual([...fromMonitor]), WAIT);
    await vi.waitFor(() => expect(atSecond).toEqual([...fromGateway]), WAIT);

    const ack = mllp('MSH|^~\\&|AIPC||||20260302080001||ACK|1|P|2.6\rMSA|AA|1\r');
    first.write(ack);
    await vi.waitFor(() => expect(monitor.received).toEqual([...ack]), WAIT);
    expect(gateway.received).toEqual([]);
  });

  it('keeps many chunks of one client in order', async () => {
    const { port, streams } = await listen();
    const monitor = await client(port);
    await vi.waitFor(() => expect(streams).toHaveLength(1), WAIT);
    const received: number[] = [];
    streams[0]!.onData((chunk) => received.push(...chunk));

    const expected: number[] = [];
    for (let i = 0; i < 300; i++) {
      const chunk = mllp(`OBX|${i}|NM|8867-4^Heart rate^LN||${60 + (i % 40)}|/min\r`);
      expected.push(...chunk);
      monitor.socket.write(chunk);
    }
    await vi.waitFor(() => expect(received.length).toBe(expected.length), WAIT);
    expect(received).toEqual(expected);
  });

  it('ends a stream with a reason when its client disconnects, leaving the others', async () => {
    const { transport, port, streams } = await listen();
    const monitor = await client(port);
    await client(port);
    await vi.waitFor(() => expect(streams).toHaveLength(2), WAIT);
    const ended: (string | null)[] = [];
    streams[0]!.onEnd((reason) => ended.push(reason));
    const closed: (string | null)[] = [];
    transport.onClosed((reason) => closed.push(reason));

    monitor.socket.end();

    await vi.waitFor(() => expect(ended).toEqual(['connection closed by the device']), WAIT);
    expect(closed).toEqual([]);
  });

  it('rejects a port another program listens on with a clear message', async () => {
    const port = await freePort();
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));

    await expect(factory.open({ type: 'tcp', listenPort: port, bindAddress: '127.0.0.1' })).rejects.toThrow(
      `port ${port} already in use`,
    );
  });

  it('close() ends every stream with a null reason and stops listening', async () => {
    const { transport, port, streams } = await listen();
    const clients = [await client(port), await client(port)];
    await vi.waitFor(() => expect(streams).toHaveLength(2), WAIT);
    const ended: (string | null)[] = [];
    for (const s of streams) s.onEnd((reason) => ended.push(reason));
    const closed: (string | null)[] = [];
    transport.onClosed((reason) => closed.push(reason));

    await transport.close();

    expect(ended).toEqual([null, null]);
    expect(closed).toEqual([null]);
    await vi.waitFor(() => expect(clients.every((c) => c.closed)).toBe(true), WAIT);
    await expect(connectClient(port)).rejects.toThrow(/ECONNREFUSED/);
    // The port is free again for the next open.
    const again = await factory.open({ type: 'tcp', listenPort: port, bindAddress: '127.0.0.1' });
    transports.push(again);
  });
});
