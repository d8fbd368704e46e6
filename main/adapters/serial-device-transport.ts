import type { DeviceTransportConfig } from '../../common/domain/devices';
import { openSerialPort, type SerialConnection, type SerialLineSettings } from '../../native/serial-port';
import type { DeviceStream, DeviceTransportFactory, OpenedTransport } from '../ports/device-transport';
import { OnceEvent } from './transport-events';

export type OpenSerialPort = (settings: SerialLineSettings) => Promise<SerialConnection>;

/** A serial line: one stream for as long as the port is open. */
export class SerialDeviceTransport implements DeviceTransportFactory {
  constructor(private readonly openPort: OpenSerialPort = openSerialPort) {}

  async open(config: DeviceTransportConfig): Promise<OpenedTransport> {
    if (config.type !== 'serial') throw new Error(`the serial transport cannot open a ${config.type} connection`);
    const { path, baudRate, dataBits, parity, stopBits, flowControl } = config;
    const connection = await this.openPort({ path, baudRate, dataBits, parity, stopBits, flowControl });
    return new OpenedSerialTransport(connection);
  }
}

class OpenedSerialTransport implements OpenedTransport {
  private readonly stream: DeviceStream;
  private readonly closed = new OnceEvent<string | null>();

  constructor(private readonly connection: SerialConnection) {
    connection.onClose((reason) => this.closed.fire(reason));
    this.stream = {
      label: connection.path,
      write: (bytes) => connection.write(bytes),
      onData: (listener) => connection.onData(listener),
      // The line and the port end together.
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
