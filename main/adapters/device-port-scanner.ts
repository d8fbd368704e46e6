import type { SerialPortInfo, UsbDeviceInfo } from '../../common/domain/devices';
import { listSerialPorts, type SerialPortListing } from '../../native/serial-port';
import { listUsbDevices, type UsbDeviceListing } from '../../native/usb-hid';
import type { DevicePortScanner } from '../ports/device-transport';

export interface PortScan {
  serial: SerialPortInfo[];
  usb: UsbDeviceInfo[];
  /** One line per listing that failed ("serial ports: udevadm not found"); the other still shows. */
  errors: string[];
}

export interface PortListingSources {
  listSerial(): Promise<SerialPortListing[]>;
  listUsb(): UsbDeviceListing[] | Promise<UsbDeviceListing[]>;
}

const nativeSources: PortListingSources = { listSerial: listSerialPorts, listUsb: listUsbDevices };

/** What could be cabled to this workstation: the serial ports and USB devices the OS sees. */
export class NativeDevicePortScanner implements DevicePortScanner {
  constructor(private readonly sources: PortListingSources = nativeSources) {}

  async listSerial(): Promise<SerialPortInfo[]> {
    const ports = await this.sources.listSerial();
    return ports.map(({ path, manufacturer, serialNumber, vendorId, productId }) => ({
      path,
      manufacturer,
      serialNumber,
      vendorId,
      productId,
    }));
  }

  async listUsb(): Promise<UsbDeviceInfo[]> {
    const devices = await this.sources.listUsb();
    return devices.map(({ vendorId, productId, busNumber, deviceAddress, hid }) => ({
      vendorId,
      productId,
      busNumber,
      deviceAddress,
      hid,
    }));
  }

  /** Both listings; a failing one is reported in errors and comes back empty, never thrown. */
  async scan(): Promise<PortScan> {
    const [serial, usb] = await Promise.allSettled([this.listSerial(), this.listUsb()]);
    const errors: string[] = [];
    if (serial.status === 'rejected') errors.push(`serial ports: ${messageOf(serial.reason)}`);
    if (usb.status === 'rejected') errors.push(`USB devices: ${messageOf(usb.reason)}`);
    return {
      serial: serial.status === 'fulfilled' ? serial.value : [],
      usb: usb.status === 'fulfilled' ? usb.value : [],
      errors,
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
