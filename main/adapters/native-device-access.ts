import type { DeviceScanResult } from '../services/devices/device-handlers';
import type { DeviceTransportFactory } from '../ports/device-transport';
import { createDeviceTransportFactory } from './device-transport-factory';
import { NativeDevicePortScanner } from './device-port-scanner';

/** The real serial, USB and TCP access, as both the Electron app and headless mode use it. */
export function nativeDeviceAccess(): { factory: DeviceTransportFactory; scanPorts: () => Promise<DeviceScanResult> } {
  const scanner = new NativeDevicePortScanner();
  return { factory: createDeviceTransportFactory(), scanPorts: () => scanner.scan() };
}
