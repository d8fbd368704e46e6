import type { DeviceTransportConfig } from '../../common/domain/devices';
import type { ByteChannel } from '../../main/devices/driver';
import type { DeviceStream, DeviceTransportFactory, OpenedTransport } from '../../main/ports/device-transport';

type Listener<T> = (value: T) => void;

/** The device's end of an in-memory cable: what a simulator writes arrives at the workstation. */
export interface PipeDevice extends ByteChannel {
  /** Everything the workstation wrote to the device so far. */
  readonly received: Uint8Array[];
  /** Pull the cable: the workstation's transport closes with a disconnect reason. */
  unplug(): void;
  readonly connected: boolean;
}

function keyOf(config: DeviceTransportConfig): string {
  return config.type === 'serial' ? config.path : config.type === 'usb' ? `usb:${config.vendorId}:${config.productId}` : `tcp:${config.listenPort}`;
}

/**
 * A DeviceTransportFactory over in-memory cables, for tests of the device manager and capture flow
 * without ports. (The real adapters are tested over socat ptys and loopback TCP.)
 */
export class PipeTransportFactory implements DeviceTransportFactory {
  private readonly plugged = new Map<string, { device: PipeDevice; attach: (t: PipeTransport) => void }>();
  opens = 0;

  plug(config: DeviceTransportConfig | string): PipeDevice {
    const key = typeof config === 'string' ? config : keyOf(config);
    const toDevice = new Set<Listener<Uint8Array>>();
    let transport: PipeTransport | null = null;
    const received: Uint8Array[] = [];
    const device: PipeDevice = {
      received,
      get connected() {
        return transport !== null && !transport.closed;
      },
      write: (bytes) => {
        if (transport && !transport.closed) transport.deliver(Uint8Array.from(bytes));
      },
      onData: (listener) => {
        toDevice.add(listener);
        return () => toDevice.delete(listener);
      },
      unplug: () => {
        this.plugged.delete(key);
        transport?.end('device unplugged');
        transport = null;
      },
    };
    this.plugged.set(key, {
      device,
      attach: (t) => {
        transport = t;
        t.toDevice = (bytes) => {
          received.push(bytes);
          for (const l of toDevice) l(bytes);
        };
      },
    });
    return device;
  }

  async open(config: DeviceTransportConfig): Promise<OpenedTransport> {
    this.opens++;
    const entry = this.plugged.get(keyOf(config));
    if (!entry) throw new Error(`${keyOf(config)} not found`);
    const transport = new PipeTransport(keyOf(config));
    entry.attach(transport);
    return transport;
  }
}

class PipeTransport implements OpenedTransport {
  closed = false;
  toDevice: (bytes: Uint8Array) => void = () => undefined;
  private readonly dataListeners = new Set<Listener<Uint8Array>>();
  private readonly endListeners = new Set<Listener<string | null>>();
  private readonly closedListeners = new Set<Listener<string | null>>();
  private readonly stream: DeviceStream;

  constructor(label: string) {
    this.stream = {
      label,
      write: (bytes) => {
        if (!this.closed) queueMicrotask(() => this.toDevice(Uint8Array.from(bytes)));
      },
      onData: (l) => void this.dataListeners.add(l),
      onEnd: (l) => void this.endListeners.add(l),
    };
  }

  deliver(bytes: Uint8Array): void {
    queueMicrotask(() => {
      if (!this.closed) for (const l of this.dataListeners) l(bytes);
    });
  }

  onStream(listener: (stream: DeviceStream) => void): void {
    queueMicrotask(() => listener(this.stream));
  }

  onClosed(listener: (reason: string | null) => void): void {
    this.closedListeners.add(listener);
  }

  end(reason: string | null): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.endListeners) l(reason);
    for (const l of this.closedListeners) l(reason);
  }

  async close(): Promise<void> {
    this.end(null);
  }
}
