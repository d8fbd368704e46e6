import { getDeviceList } from 'usb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsbTransport } from '../../../common/domain/devices';
import { NativeDevicePortScanner } from '../../../main/adapters/device-port-scanner';
import { createDeviceTransportFactory } from '../../../main/adapters/device-transport-factory';
import { UsbHidDeviceTransport, type UsbHidBackend, type UsbHidConnection } from '../../../main/adapters/usb-hid-device-transport';
import type { BpMeasurement } from '../../../main/devices/hid/bp-measurement';
import { buildBpReport } from '../../../main/devices/hid/build-bp-report';
import { USB_UNPLUGGED, usbLabel } from '../../../native/usb-hid';
import { DeviceRig } from '../../support/device-rig';
import { ReplayUsbHidBackend } from '../../support/replay-usb-hid-backend';
import { unwrap } from '../../support/test-workstation';

const MONITOR: UsbTransport = { type: 'usb', vendorId: 0x0590, productId: 0x0028 };
/** Backoff starts at 1 s ±20% and doubles; two attempts fit well inside this. */
const RECONNECT_WITHIN_MS = 8_000;

const STEADY = { bodyMovement: false, cuffTooLoose: false, irregularPulse: false, pulseRateRange: 'within', improperPosition: false } as const;

function measurement(values: Pick<BpMeasurement, 'units' | 'systolic' | 'diastolic' | 'meanArterial' | 'pulseRate'>, minute: number): BpMeasurement {
  return { ...values, timestamp: { year: 2026, month: 3, day: 2, hours: 9, minutes: minute, seconds: 0 }, userId: 1, status: STEADY };
}

const FIRST = measurement({ units: 'mmHg', systolic: '128', diastolic: '82', meanArterial: '97', pulseRate: '72' }, 10);
const SECOND = measurement({ units: 'kPa', systolic: '17.1', diastolic: '10.9', meanArterial: '13.0', pulseRate: '64' }, 12);
const THIRD = measurement({ units: 'mmHg', systolic: '131', diastolic: '85', meanArterial: '100', pulseRate: '70' }, 20);

/**
 * The monitor's USB cable: the recorded reports are replayed behind the same UsbHidBackend the
 * libusb backend implements; while unplugged, opening fails as it does when the device is absent.
 * Like a real meter, each connection replays the monitor's whole memory.
 */
class HidCable implements UsbHidBackend {
  readonly memory: Uint8Array[] = [];
  private plugged = true;
  private readonly replay = new ReplayUsbHidBackend([{ vendorId: MONITOR.vendorId, productId: MONITOR.productId, reports: this.memory }]);

  open(vendorId: number, productId: number): Promise<UsbHidConnection> {
    if (!this.plugged) return Promise.reject(new Error(`${usbLabel(vendorId, productId)} is not connected`));
    return this.replay.open(vendorId, productId);
  }

  unplug(): void {
    this.plugged = false;
    this.replay.unplug(MONITOR.vendorId, MONITOR.productId);
  }

  plugIn(): void {
    this.plugged = true;
  }
}

function hasUsbDevices(): boolean {
  try {
    return getDeviceList().length > 0;
  } catch {
    return false;
  }
}

describe('USB HID blood-pressure monitor through the device manager, from recorded reports', () => {
  const cable = new HidCable();
  const scanner = new NativeDevicePortScanner();
  let rig: DeviceRig;
  let id: string;

  beforeAll(async () => {
    cable.memory.push(buildBpReport(FIRST), buildBpReport(SECOND));
    rig = await DeviceRig.start({
      factory: createDeviceTransportFactory({ usb: new UsbHidDeviceTransport(cable) }),
      scanPorts: () => scanner.scan(),
    });
    id = await rig.createDevice({ name: 'BP monitor', kind: 'bp_monitor', protocol: 'hid', encoding: 'latin1', codeMap: {}, transport: MONITOR });
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('turns each recorded report into systolic, diastolic, mean and pulse readings at their precision', async () => {
    await rig.journalProcessed(id, 2);
    expect(rig.states(id)).toEqual(['connecting', 'connected', 'receiving']);

    // The newer measurement replaces the older one while both wait.
    const byLoinc = new Map((await rig.pending(id)).map((r) => [r.loinc, r]));
    expect(byLoinc.get('8480-6')).toMatchObject({ value: '17.1', unit: 'kPa', ucum: 'kPa', valid: true, deviceName: 'BP monitor' });
    expect(byLoinc.get('8462-4')).toMatchObject({ value: '10.9', ucum: 'kPa' });
    expect(byLoinc.get('8478-0')).toMatchObject({ value: '13.0', ucum: 'kPa' });
    expect(byLoinc.get('8867-4')).toMatchObject({ value: '64', ucum: '/min' });
    expect(rig.readings(id).map((r) => [r.loinc, r.value])).toEqual([
      ['8480-6', '128'], ['8462-4', '82'], ['8478-0', '97'], ['8867-4', '72'],
      ['8480-6', '17.1'], ['8462-4', '10.9'], ['8478-0', '13.0'], ['8867-4', '64'],
    ]);
  });

  it('shows the unplugged monitor in error, keeps trying, and reconnects when it is plugged back in', async () => {
    const since = rig.mark(id);
    cable.unplug();

    const unplugged = await rig.waitForStatus(id, (s) => s.state === 'error', 'the error status', { since });
    expect(unplugged).toMatchObject({ reason: USB_UNPLUGGED, reconnectAttempt: 1 });
    const stillAway = await rig.waitForStatus(id, (s) => s.reconnectAttempt === 2, 'a second attempt', { since, timeoutMs: RECONNECT_WITHIN_MS });
    expect(stillAway).toMatchObject({ state: 'error', reason: `${usbLabel(MONITOR.vendorId, MONITOR.productId)} is not connected` });

    // Meanwhile the nurse measured once more; plugged in, the monitor replays its whole memory.
    cable.memory.push(buildBpReport(THIRD));
    const replugAt = rig.mark(id);
    cable.plugIn();

    await rig.waitForStatus(id, (s) => s.state === 'connected', 'the reconnection', { since: replugAt, timeoutMs: RECONNECT_WITHIN_MS });
    // Reports already journaled are recognised by their time stamps and stored once.
    await rig.journalProcessed(id, 3);
    await rig.waitForStatus(id, (s) => s.state === 'receiving' && s.messagesReceived === 3, 'the new measurement', { since: replugAt });
    const systolic = (await rig.pending(id)).find((r) => r.loinc === '8480-6');
    expect(systolic).toMatchObject({ value: '131', ucum: 'mm[Hg]' });
  });

  it.skipIf(!hasUsbDevices())('lists the USB devices actually on this machine', async () => {
    const ports = unwrap(await rig.admin.api.devices.ports({}));
    const present = getDeviceList().map((d) => ({ vendorId: d.deviceDescriptor.idVendor, productId: d.deviceDescriptor.idProduct }));
    expect(ports.usb.map((d) => ({ vendorId: d.vendorId, productId: d.productId }))).toEqual(expect.arrayContaining(present));
  });
});
