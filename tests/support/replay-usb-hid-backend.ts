import type { UsbHidBackend, UsbHidConnection } from '../../main/adapters/usb-hid-device-transport';
import { USB_UNPLUGGED, usbLabel } from '../../native/usb-hid';

/** A HID device as recorded: its ids and the input reports it sent, in order. */
export interface RecordedHidDevice {
  vendorId: number;
  productId: number;
  reports: readonly Uint8Array[];
  /** Pull the plug after the last report (what a meter does when it powers off after sending). */
  unplugAfterReplay?: boolean;
}

/**
 * Stands in for libusb: replays recorded input reports behind the same UsbHidBackend interface,
 * one report per event-loop turn as interrupt transfers would arrive, and records what was written.
 */
export class ReplayUsbHidBackend implements UsbHidBackend {
  private readonly connections: ReplayHidConnection[] = [];

  constructor(private readonly devices: readonly RecordedHidDevice[]) {}

  async open(vendorId: number, productId: number): Promise<UsbHidConnection> {
    const device = this.devices.find((d) => d.vendorId === vendorId && d.productId === productId);
    if (!device) throw new Error(`${usbLabel(vendorId, productId)} is not connected`);
    const connection = new ReplayHidConnection(device);
    this.connections.push(connection);
    return connection;
  }

  /** Simulates pulling the cable of every open connection to this device. */
  unplug(vendorId: number, productId: number): void {
    for (const c of this.connections) {
      if (c.device.vendorId === vendorId && c.device.productId === productId) c.end(USB_UNPLUGGED);
    }
  }

  /** Output reports the transport sent to this device, across its connections. */
  written(vendorId: number, productId: number): Uint8Array[] {
    return this.connections
      .filter((c) => c.device.vendorId === vendorId && c.device.productId === productId)
      .flatMap((c) => c.written);
  }

  get openConnections(): number {
    return this.connections.filter((c) => !c.isEnded).length;
  }
}

class ReplayHidConnection implements UsbHidConnection {
  readonly written: Uint8Array[] = [];
  private readonly reportListeners: ((report: Uint8Array) => void)[] = [];
  private readonly endListeners: ((reason: string | null) => void)[] = [];
  private ended: string | null | undefined = undefined;
  private replaying = false;

  constructor(readonly device: RecordedHidDevice) {}

  get isEnded(): boolean {
    return this.ended !== undefined;
  }

  onReport(listener: (report: Uint8Array) => void): void {
    this.reportListeners.push(listener);
    if (!this.replaying) {
      // Like the real connection, reports wait for the first listener.
      this.replaying = true;
      this.replayFrom(0);
    }
  }

  onEnd(listener: (reason: string | null) => void): void {
    if (this.ended !== undefined) listener(this.ended);
    else this.endListeners.push(listener);
  }

  write(report: Uint8Array): void {
    if (this.ended === undefined) this.written.push(Uint8Array.from(report));
  }

  async close(): Promise<void> {
    this.end(null);
  }

  end(reason: string | null): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    for (const listener of this.endListeners.splice(0)) listener(reason);
  }

  private replayFrom(index: number): void {
    setImmediate(() => {
      if (this.ended !== undefined) return;
      const report = this.device.reports[index];
      if (report === undefined) {
        if (this.device.unplugAfterReplay) this.end(USB_UNPLUGGED);
        return;
      }
      for (const listener of this.reportListeners) listener(Uint8Array.from(report));
      this.replayFrom(index + 1);
    });
  }
}
