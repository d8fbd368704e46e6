import { getDeviceList } from 'usb';
import { describe, expect, it, vi } from 'vitest';
import type { UsbTransport } from '../../../common/domain/devices';
import { NativeDevicePortScanner } from '../../../main/adapters/device-port-scanner';
import { createDeviceTransportFactory } from '../../../main/adapters/device-transport-factory';
import { UsbHidDeviceTransport } from '../../../main/adapters/usb-hid-device-transport';
import type { DeviceStream, OpenedTransport } from '../../../main/ports/device-transport';
import { ReplayUsbHidBackend } from '../../support/replay-usb-hid-backend';

const WAIT = { timeout: 5_000, interval: 10 };
const METER: UsbTransport = { type: 'usb', vendorId: 0x1a79, productId: 0x7410 };

/** Input reports as a glucose meter sends them: one length byte, then text. */
function report(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return Uint8Array.from([bytes.length, ...bytes, ...new Array<number>(63 - bytes.length).fill(0)]);
}

const RECORDED = [report('H|\\^&||'), report('R|1|^^^Glucose|5.8|mmol/L'), report('L|1|N')];

function streamOf(transport: OpenedTransport): DeviceStream {
  const streams: DeviceStream[] = [];
  transport.onStream((s) => streams.push(s));
  expect(streams).toHaveLength(1);
  return streams[0]!;
}

function hasUsbDevices(): boolean {
  try {
    return getDeviceList().length > 0;
  } catch {
    return false;
  }
}

describe('USB HID transport', () => {
  function open(backend: ReplayUsbHidBackend): Promise<OpenedTransport> {
    return createDeviceTransportFactory({ usb: new UsbHidDeviceTransport(backend) }).open(METER);
  }

  it('delivers each input report as one chunk, in order', async () => {
    const backend = new ReplayUsbHidBackend([{ vendorId: METER.vendorId, productId: METER.productId, reports: RECORDED }]);
    const transport = await open(backend);
    const stream = streamOf(transport);
    const chunks: Uint8Array[] = [];
    stream.onData((chunk) => chunks.push(chunk));

    await vi.waitFor(() => expect(chunks).toHaveLength(RECORDED.length), WAIT);
    expect(chunks).toEqual(RECORDED);
    expect(stream.label).toBe('usb 0x1a79:0x7410');

    stream.write(Uint8Array.of(0x06));
    expect(backend.written(METER.vendorId, METER.productId)).toEqual([Uint8Array.of(0x06)]);
    await transport.close();
  });

  it('reports an unplugged device through onClosed and the stream end', async () => {
    const backend = new ReplayUsbHidBackend([
      { vendorId: METER.vendorId, productId: METER.productId, reports: RECORDED, unplugAfterReplay: true },
    ]);
    const transport = await open(backend);
    const stream = streamOf(transport);
    const chunks: Uint8Array[] = [];
    const ended: (string | null)[] = [];
    const closed: (string | null)[] = [];
    stream.onData((chunk) => chunks.push(chunk));
    stream.onEnd((reason) => ended.push(reason));
    transport.onClosed((reason) => closed.push(reason));

    await vi.waitFor(() => expect(closed).toEqual(['USB device unplugged']), WAIT);
    expect(ended).toEqual(['USB device unplugged']);
    expect(chunks).toHaveLength(RECORDED.length);
  });

  it('reports an unplug in the middle of a session', async () => {
    const backend = new ReplayUsbHidBackend([{ vendorId: METER.vendorId, productId: METER.productId, reports: [] }]);
    const transport = await open(backend);
    const closed: (string | null)[] = [];
    transport.onClosed((reason) => closed.push(reason));

    backend.unplug(METER.vendorId, METER.productId);

    expect(closed).toEqual(['USB device unplugged']);
    expect(backend.openConnections).toBe(0);
  });

  it('closing ourselves ends with a null reason', async () => {
    const backend = new ReplayUsbHidBackend([{ vendorId: METER.vendorId, productId: METER.productId, reports: [] }]);
    const transport = await open(backend);
    const closed: (string | null)[] = [];
    transport.onClosed((reason) => closed.push(reason));
    await transport.close();
    expect(closed).toEqual([null]);
  });

  it('rejects a device that is not connected', async () => {
    const backend = new ReplayUsbHidBackend([]);
    await expect(open(backend)).rejects.toThrow('usb 0x1a79:0x7410 is not connected');
  });

  it('opening the real backend for an absent device rejects with a clear message', async () => {
    // 0xFFFF:0xFFFF is reserved; no real device has it.
    await expect(new UsbHidDeviceTransport().open({ type: 'usb', vendorId: 0xffff, productId: 0xffff })).rejects.toThrow(
      'usb 0xffff:0xffff is not connected',
    );
  });

  it.skipIf(!hasUsbDevices())('lists the USB devices present through the scanner', async () => {
    const scan = await new NativeDevicePortScanner().scan();
    expect(scan.errors.filter((e) => e.startsWith('USB'))).toEqual([]);
    expect(scan.usb.length).toBeGreaterThan(0);
    for (const device of scan.usb) {
      expect(device.vendorId).toBeGreaterThanOrEqual(0);
      expect(typeof device.hid).toBe('boolean');
    }
  });
});
