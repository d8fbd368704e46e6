import type { DeviceTransportConfig, SerialPortInfo, UsbDeviceInfo } from '../../common/domain/devices';

/**
 * One conversation with a device: a serial line, a USB HID interface, or one TCP client of an
 * MLLP listener. Bytes in through onData, answers out through write.
 */
export interface DeviceStream {
  /** For logs and the raw monitor: "/dev/ttyUSB0", "usb 0x1234:0x5678", "tcp 10.0.0.5:51234". */
  readonly label: string;
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Fires once when this stream ends; reason null when we closed it ourselves. */
  onEnd(listener: (reason: string | null) => void): void;
}

/**
 * An opened transport. Serial and USB have exactly one stream, announced at once; a TCP listener
 * announces one stream per connecting client, each with its own link-layer state.
 */
export interface OpenedTransport {
  onStream(listener: (stream: DeviceStream) => void): void;
  /** The transport itself is gone (port unplugged, listener failed); reason null when we closed it. */
  onClosed(listener: (reason: string | null) => void): void;
  close(): Promise<void>;
}

export interface DeviceTransportFactory {
  /**
   * Opens the port or starts the listener. Rejects with a message a technician can act on
   * ("/dev/ttyUSB0 not found", "permission denied", "port 2575 already in use").
   */
  open(config: DeviceTransportConfig): Promise<OpenedTransport>;
}

export interface DevicePortScanner {
  listSerial(): Promise<SerialPortInfo[]>;
  listUsb(): Promise<UsbDeviceInfo[]>;
}
