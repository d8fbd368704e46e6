import type { DeviceTransportConfig } from '../../common/domain/devices';
import type { DeviceTransportFactory, OpenedTransport } from '../ports/device-transport';
import { SerialDeviceTransport } from './serial-device-transport';
import { TcpMllpTransport } from './tcp-mllp-transport';
import { UsbHidDeviceTransport } from './usb-hid-device-transport';

/** One factory per transport type. */
export type DeviceTransportsByType = Record<DeviceTransportConfig['type'], DeviceTransportFactory>;

/** Opens whichever transport a device's configuration names. */
export class RoutingDeviceTransportFactory implements DeviceTransportFactory {
  constructor(private readonly byType: DeviceTransportsByType) {}

  open(config: DeviceTransportConfig): Promise<OpenedTransport> {
    return this.byType[config.type].open(config);
  }
}

/** The real transports (serialport, libusb, node:net); tests replace any of them. */
export function createDeviceTransportFactory(overrides: Partial<DeviceTransportsByType> = {}): DeviceTransportFactory {
  return new RoutingDeviceTransportFactory({
    serial: overrides.serial ?? new SerialDeviceTransport(),
    usb: overrides.usb ?? new UsbHidDeviceTransport(),
    tcp: overrides.tcp ?? new TcpMllpTransport(),
  });
}
