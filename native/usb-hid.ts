import { usb, getDeviceList, type Device, type InEndpoint, type Interface, type OutEndpoint } from 'usb';

const HID_CLASS = 3;
const INTERRUPT_TRANSFER = 3;
// libusb_transfer_status LIBUSB_TRANSFER_NO_DEVICE (5): a poll transfer failed because the device left.
const TRANSFER_NO_DEVICE = usb.LIBUSB_TRANSFER_NO_DEVICE ?? 5;

export const USB_UNPLUGGED = 'USB device unplugged';

/** One USB device on the bus, read from its descriptors without opening it. */
export interface UsbDeviceListing {
  vendorId: number;
  productId: number;
  busNumber: number;
  deviceAddress: number;
  /** It has an interface of class HID (3). */
  hid: boolean;
}

/** An open HID interface: input reports in, output reports out. */
export interface HidConnection {
  readonly label: string;
  /** Each interrupt IN transfer as one report, in order; held until the first listener is added. */
  onReport(listener: (report: Uint8Array) => void): void;
  /** Fires once: null when close() was called, else why ("USB device unplugged"). */
  onEnd(listener: (reason: string | null) => void): void;
  /** Sends an output report on the interrupt OUT endpoint; a no-op when the device has none. */
  write(report: Uint8Array): void;
  close(): Promise<void>;
}

export function listUsbDevices(): UsbDeviceListing[] {
  return getDeviceList().map((device) => ({
    vendorId: device.deviceDescriptor.idVendor,
    productId: device.deviceDescriptor.idProduct,
    busNumber: device.busNumber,
    deviceAddress: device.deviceAddress,
    hid: hasHidInterface(device),
  }));
}

export function usbLabel(vendorId: number, productId: number): string {
  return `usb 0x${hex4(vendorId)}:0x${hex4(productId)}`;
}

/**
 * Opens the first device with these ids and starts polling its HID interface. Rejects with a
 * message a technician can act on (not connected, no HID interface, no permission).
 */
export async function openHidDevice(vendorId: number, productId: number): Promise<HidConnection> {
  const label = usbLabel(vendorId, productId);
  const device = getDeviceList().find(
    (d) => d.deviceDescriptor.idVendor === vendorId && d.deviceDescriptor.idProduct === productId,
  );
  if (!device) throw new Error(`${label} is not connected`);
  try {
    device.open();
  } catch (error) {
    throw new Error(`cannot open ${label}: ${describeLibusbError(error)}`);
  }
  try {
    const iface = (device.interfaces ?? []).find((i) => i.descriptor.bInterfaceClass === HID_CLASS);
    if (!iface) throw new Error(`${label} has no HID interface`);
    detachKernelDriver(iface);
    iface.claim();
    const input = iface.endpoints.find(
      (e): e is InEndpoint => e.direction === 'in' && e.transferType === INTERRUPT_TRANSFER,
    );
    if (!input) throw new Error(`${label} has no interrupt IN endpoint on its HID interface`);
    const output = iface.endpoints.find(
      (e): e is OutEndpoint => e.direction === 'out' && e.transferType === INTERRUPT_TRANSFER,
    );
    return new OpenHidConnection(label, device, iface, input, output);
  } catch (error) {
    safely(() => device.close());
    if (error instanceof Error && error.message.startsWith(label)) throw error;
    throw new Error(`cannot open ${label}: ${describeLibusbError(error)}`);
  }
}

class OpenHidConnection implements HidConnection {
  private ended: string | null | undefined = undefined;
  private readonly endListeners: ((reason: string | null) => void)[] = [];
  private readonly reportListeners: ((report: Uint8Array) => void)[] = [];
  private held: Uint8Array[] = [];
  private readonly onDetach = (gone: Device) => {
    if (gone === this.device || (gone.busNumber === this.device.busNumber && gone.deviceAddress === this.device.deviceAddress)) {
      void this.shutDown(USB_UNPLUGGED);
    }
  };

  constructor(
    readonly label: string,
    private readonly device: Device,
    private readonly iface: Interface,
    private readonly input: InEndpoint,
    private readonly output: OutEndpoint | undefined,
  ) {
    input.on('data', (data: Buffer) => this.deliver(new Uint8Array(data)));
    input.on('error', (error: unknown) => {
      const gone = (error as { errno?: number }).errno === TRANSFER_NO_DEVICE;
      void this.shutDown(gone ? USB_UNPLUGGED : `${label} read failed: ${describeLibusbError(error)}`);
    });
    output?.on('error', () => {
      // Reported through the transfer callback; the listener keeps EventEmitter from throwing.
    });
    // Adding a 'detach' listener turns on libusb hotplug events; close() removes it again.
    usb.on('detach', this.onDetach);
    input.startPoll(3, input.descriptor.wMaxPacketSize);
  }

  onReport(listener: (report: Uint8Array) => void): void {
    this.reportListeners.push(listener);
    const held = this.held;
    this.held = [];
    for (const report of held) listener(report);
  }

  onEnd(listener: (reason: string | null) => void): void {
    if (this.ended !== undefined) listener(this.ended);
    else this.endListeners.push(listener);
  }

  write(report: Uint8Array): void {
    if (!this.output || this.ended !== undefined) return;
    this.output.transfer(Buffer.from(report), (error) => {
      if (error) void this.shutDown(`${this.label} write failed: ${describeLibusbError(error)}`);
    });
  }

  close(): Promise<void> {
    return this.shutDown(null);
  }

  private deliver(report: Uint8Array): void {
    if (this.ended !== undefined) return;
    if (this.reportListeners.length === 0) this.held.push(report);
    for (const listener of this.reportListeners) listener(report);
  }

  private async shutDown(reason: string | null): Promise<void> {
    if (this.ended !== undefined) return;
    this.ended = reason;
    usb.off('detach', this.onDetach);
    if (this.input.pollActive) {
      await new Promise<void>((resolve) => {
        // A device that has gone may never complete the cancelled transfers.
        setTimeout(resolve, 500).unref();
        safely(() => this.input.stopPoll(() => resolve()));
      });
    }
    await new Promise<void>((resolve) => {
      try {
        this.iface.release(() => resolve());
      } catch {
        resolve();
      }
    });
    safely(() => this.device.close());
    for (const listener of this.endListeners.splice(0)) listener(reason);
  }
}

function hasHidInterface(device: Device): boolean {
  try {
    return (device.configDescriptor?.interfaces ?? []).some((alternates) =>
      alternates.some((i) => i.bInterfaceClass === HID_CLASS),
    );
  } catch {
    // Some devices refuse the descriptor read without permissions; list them as not HID.
    return false;
  }
}

function detachKernelDriver(iface: Interface): void {
  // Only Linux binds usbhid in a way libusb can detach; elsewhere the call is not supported.
  if (process.platform !== 'linux') return;
  if (iface.isKernelDriverActive()) iface.detachKernelDriver();
}

function describeLibusbError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/LIBUSB_ERROR_ACCESS/.test(message)) return 'permission denied (add a udev rule for the device)';
  if (/LIBUSB_ERROR_BUSY/.test(message)) return 'in use by another program';
  if (/LIBUSB_ERROR_NO_DEVICE/.test(message)) return USB_UNPLUGGED;
  return message;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Cleanup of a device that may already be gone.
  }
}
