import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SerialTransport } from '../../../common/domain/devices';
import { NativeDevicePortScanner } from '../../../main/adapters/device-port-scanner';
import { createDeviceTransportFactory } from '../../../main/adapters/device-transport-factory';
import type { DeviceStream, OpenedTransport } from '../../../main/ports/device-transport';
import { describeOpenError, openSerialPort, type SerialConnection } from '../../../native/serial-port';
import { isSocatAvailable, startSocatPair, stopSocatPairs, type SocatPair } from '../../support/socat-pair';

const WAIT = { timeout: 5_000, interval: 10 };

function serialConfig(path: string): SerialTransport {
  return { type: 'serial', path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' };
}

/** The instrument's end of the cable, opened with the same facade. */
function openInstrument(path: string): Promise<SerialConnection> {
  return openSerialPort({ path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' });
}

function collect(onData: (listener: (chunk: Uint8Array) => void) => void): { bytes(): number[]; chunks: number } {
  const received: number[] = [];
  let chunks = 0;
  onData((chunk) => {
    chunks += 1;
    received.push(...chunk);
  });
  return {
    bytes: () => received,
    get chunks() {
      return chunks;
    },
  };
}

function firstStream(transport: OpenedTransport): DeviceStream {
  let stream: DeviceStream | null = null;
  transport.onStream((s) => {
    stream ??= s;
  });
  if (!stream) throw new Error('a serial transport announces its stream at once');
  return stream;
}

describe.skipIf(!isSocatAvailable())('serial transport over a socat pty pair', () => {
  const factory = createDeviceTransportFactory();
  let pair: SocatPair;
  const toClose: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    pair = await startSocatPair();
  });

  afterEach(async () => {
    await Promise.all(toClose.splice(0).map((c) => c.close().catch(() => undefined)));
    await stopSocatPairs();
  });

  async function openHost(): Promise<{ transport: OpenedTransport; stream: DeviceStream }> {
    const transport = await factory.open(serialConfig(pair.hostSide));
    toClose.push(transport);
    return { transport, stream: firstStream(transport) };
  }

  async function openDevice(): Promise<SerialConnection> {
    const device = await openInstrument(pair.deviceSide);
    toClose.push(device);
    return device;
  }

  it('carries bytes from the instrument to the workstation and answers back', async () => {
    const { stream } = await openHost();
    const device = await openDevice();
    const atHost = collect((l) => stream.onData(l));
    const atDevice = collect((l) => device.onData(l));

    expect(stream.label).toBe(pair.hostSide);
    device.write(Uint8Array.of(0x05)); // ENQ
    await vi.waitFor(() => expect(atHost.bytes()).toEqual([0x05]), WAIT);

    stream.write(Uint8Array.of(0x06)); // ACK
    await vi.waitFor(() => expect(atDevice.bytes()).toEqual([0x06]), WAIT);
  });

  it('delivers many chunks complete and in order, in both directions', async () => {
    const { stream } = await openHost();
    const device = await openDevice();
    const atHost = collect((l) => stream.onData(l));
    const atDevice = collect((l) => device.onData(l));

    const expected: number[] = [];
    for (let i = 0; i < 200; i++) {
      const chunk = Uint8Array.from({ length: 1 + (i % 37) }, (_, j) => (i * 31 + j) & 0xff);
      expected.push(...chunk);
      device.write(chunk);
    }
    await vi.waitFor(() => expect(atHost.bytes().length).toBe(expected.length), WAIT);
    expect(atHost.bytes()).toEqual(expected);

    const answer = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff);
    stream.write(answer);
    await vi.waitFor(() => expect(atDevice.bytes().length).toBe(answer.length), WAIT);
    expect(atDevice.bytes()).toEqual([...answer]);
  });

  it('reports a vanished port as a disconnect, not as our own close', async () => {
    const { transport, stream } = await openHost();
    const closed: (string | null)[] = [];
    const ended: (string | null)[] = [];
    transport.onClosed((reason) => closed.push(reason));
    stream.onEnd((reason) => ended.push(reason));
    // A byte first, so the port is idle in its poll for readability when the line goes.
    const device = await openDevice();
    const atHost = collect((l) => stream.onData(l));
    device.write(Uint8Array.of(0x05));
    await vi.waitFor(() => expect(atHost.bytes()).toEqual([0x05]), WAIT);

    await pair.stop();

    await vi.waitFor(() => expect(closed).toHaveLength(1), WAIT);
    expect(closed[0]).toBe(`${pair.hostSide} disconnected`);
    expect(ended).toEqual(closed);
  });

  it('opens the same path again after the cable is plugged back in', async () => {
    const first = await openHost();
    const closed: (string | null)[] = [];
    first.transport.onClosed((reason) => closed.push(reason));
    await pair.stop();
    await vi.waitFor(() => expect(closed).toHaveLength(1), WAIT);

    await pair.restart();
    const { stream } = await openHost();
    const device = await openDevice();
    const atHost = collect((l) => stream.onData(l));
    device.write(new TextEncoder().encode('H|\\^&\r'));
    await vi.waitFor(() => expect(atHost.bytes().length).toBe(6), WAIT);
  });

  it('reports our own close with a null reason', async () => {
    const { transport, stream } = await openHost();
    const closed: (string | null)[] = [];
    const ended: (string | null)[] = [];
    transport.onClosed((reason) => closed.push(reason));
    stream.onEnd((reason) => ended.push(reason));

    await transport.close();

    expect(closed).toEqual([null]);
    expect(ended).toEqual([null]);
    // Writing after close is ignored rather than queued forever.
    expect(() => stream.write(Uint8Array.of(1))).not.toThrow();
  });

  it('rejects a missing port with a message a technician can act on', async () => {
    const missing = `${pair.hostSide}-missing`;
    await expect(factory.open(serialConfig(missing))).rejects.toThrow(`${missing} not found`);
  });

  it('rejects a port another program holds', async () => {
    await openHost();
    await expect(factory.open(serialConfig(pair.hostSide))).rejects.toThrow(
      `${pair.hostSide} is in use by another program`,
    );
  });

  it('lists serial ports, or reports why it cannot, without throwing', async () => {
    const scan = await new NativeDevicePortScanner().scan();
    expect(Array.isArray(scan.serial)).toBe(true);
    expect(Array.isArray(scan.usb)).toBe(true);
    if (scan.errors.some((e) => e.startsWith('serial ports:'))) {
      expect(scan.serial).toEqual([]);
    } else {
      for (const port of scan.serial) expect(typeof port.path).toBe('string');
    }
  });

  it('reports a failing listing in errors and still returns the other one', async () => {
    const scanner = new NativeDevicePortScanner({
      listSerial: () => Promise.reject(new Error('udevadm not found')),
      listUsb: () => [{ vendorId: 0x1234, productId: 0x5678, busNumber: 1, deviceAddress: 4, hid: true }],
    });
    await expect(scanner.scan()).resolves.toEqual({
      serial: [],
      usb: [{ vendorId: 0x1234, productId: 0x5678, busNumber: 1, deviceAddress: 4, hid: true }],
      errors: ['serial ports: udevadm not found'],
    });
  });
});

describe('serial open errors a technician can act on', () => {
  // The bindings report strerror text, not error codes; these are the texts Linux produces.
  it.each([
    ['No such file or directory, cannot open /dev/ttyUSB0', '/dev/ttyUSB0 not found'],
    ['Permission denied, cannot open /dev/ttyUSB0', 'permission denied on /dev/ttyUSB0 (add the user to the dialout group)'],
    ['Error Resource temporarily unavailable Cannot lock port', '/dev/ttyUSB0 is in use by another program'],
    ['Device or resource busy, cannot open /dev/ttyUSB0', '/dev/ttyUSB0 is in use by another program'],
    ['Input/output error, cannot open /dev/ttyUSB0', 'cannot open /dev/ttyUSB0: Input/output error, cannot open /dev/ttyUSB0'],
  ])('%s', (raw, expected) => {
    expect(describeOpenError('/dev/ttyUSB0', new Error(raw)).message).toBe(expected);
  });
});
