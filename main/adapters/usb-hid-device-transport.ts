import type { DeviceTransportConfig } from '../../common/domain/devices';
import { openHidDevice, usbLabel } from '../../native/usb-hid';
import type { DeviceStream, DeviceTransportFactory, OpenedTransport } from '../ports/device-transport';
import { OnceEvent } from './transport-events';

/** An open HID device as the transport needs it; the real one is native/usb-hid.ts. */
export interface UsbHidConnection {
  /** Each input report, in order. */
  onReport(listener: (report: Uint8Array) => void): void;
  /** Fires once: null when we closed it, else why ("USB device unplugged"). */
  onEnd(listener: (reason: string | null) => void): void;
  write(report: Uint8Array): void;
  close(): Promise<void>;
}

/** Finds and opens a HID device; rejects with a message a technician can act on. */
export interface UsbHidBackend {
  open(vendorId: number, productId: number): Promise<UsbHidConnection>;
}

export const libusbHidBackend: UsbHidBackend = { open: openHidDevice };

/** A USB HID device: one stream, each input report one chunk. */
export class UsbHidDeviceTransport implements DeviceTransportFactory {
  constructor(private readonly backend: UsbHidBackend = libusbHidBackend) {}

  async open(config: DeviceTransportConfig): Promise<OpenedTransport> {
    if (config.type !== 'usb') throw new Error(`the USB transport cannot open a ${config.type} connection`);
    const connection = await this.backend.open(config.vendorId, config.productId);
    return new OpenedUsbHidTransport(usbLabel(config.vendorId, config.productId), connection);
  }
}

class OpenedUsbHidTransport implements OpenedTransport {
  private readonly stream: DeviceStream;
  private readonly closed = new OnceEvent<string | null>();

  constructor(
    label: string,
    private readonly connection: UsbHidConnection,
  ) {
    connection.onEnd((reason) => this.closed.fire(reason));
    this.stream = {
      label,
      write: (bytes) => connection.write(bytes),
      onData: (listener) => connection.onReport(listener),
      onEnd: (listener) => this.closed.listen(listener),
    };
  }

  onStream(listener: (stream: DeviceStream) => void): void {
    listener(this.stream);
  }

  onClosed(listener: (reason: string | null) => void): void {
    this.closed.listen(listener);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
