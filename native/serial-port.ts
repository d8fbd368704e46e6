import { read as fsRead } from 'node:fs';
import { SerialPort } from 'serialport';

/** Line settings of a serial port, as the device's manual lists them. */
export interface SerialLineSettings {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  /** rtscts: hardware handshake; xonxoff: software handshake (XON/XOFF in both directions). */
  flowControl: 'none' | 'rtscts' | 'xonxoff';
}

/** One serial port as the operating system lists it; absent fields are null. */
export interface SerialPortListing {
  path: string;
  manufacturer: string | null;
  serialNumber: string | null;
  vendorId: string | null;
  productId: string | null;
  pnpId: string | null;
}

/** An open serial port. */
export interface SerialConnection {
  readonly path: string;
  /** Queues bytes for sending; ignored once the port is closed. */
  write(bytes: Uint8Array): void;
  /** Bytes as they arrive, in order; what arrived before the first listener is held for it. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /**
   * Fires once when the port closes: reason null when close() was called, otherwise why the port
   * went away ("/dev/ttyUSB0 disconnected"). A listener added after closing is called at once.
   */
  onClose(listener: (reason: string | null) => void): void;
  close(): Promise<void>;
}

/** Opening failed; the message is meant for a technician ("/dev/ttyUSB0 not found"). */
export class SerialPortOpenError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'permission-denied' | 'busy' | 'other',
  ) {
    super(message);
    this.name = 'SerialPortOpenError';
  }
}

export function openSerialPort(settings: SerialLineSettings): Promise<SerialConnection> {
  const port = new SerialPort({
    path: settings.path,
    baudRate: settings.baudRate,
    dataBits: settings.dataBits,
    parity: settings.parity,
    stopBits: settings.stopBits,
    rtscts: settings.flowControl === 'rtscts',
    xon: settings.flowControl === 'xonxoff',
    xoff: settings.flowControl === 'xonxoff',
    // An exclusive lock, so a second program (or a second device entry) cannot steal bytes.
    lock: true,
    autoOpen: false,
  });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(describeOpenError(settings.path, error));
        return;
      }
      readHangupAsDisconnect(port.port);
      resolve(new OpenSerialConnection(port, settings.path));
    });
  });
}

/** Ports the OS knows. On Linux this runs `udevadm`, so it rejects where udev is missing. */
export async function listSerialPorts(): Promise<SerialPortListing[]> {
  let ports: Awaited<ReturnType<typeof SerialPort.list>>;
  try {
    ports = await SerialPort.list();
  } catch (error) {
    if (/udevadm/.test(String(error)) && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('cannot list serial ports: udevadm not found (install the udev package)');
    }
    throw error;
  }
  return ports.map((p) => ({
    path: p.path,
    manufacturer: p.manufacturer ?? null,
    serialNumber: p.serialNumber ?? null,
    vendorId: p.vendorId ?? null,
    productId: p.productId ?? null,
    pnpId: p.pnpId ?? null,
  }));
}

/**
 * The bindings report open failures as strerror text without an error code
 * ("No such file or directory, cannot open /dev/x", "Resource temporarily unavailable Cannot lock
 * port"), so the message is what we have to classify.
 */
export function describeOpenError(path: string, error: Error): SerialPortOpenError {
  const text = `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`;
  if (/ENOENT|No such file or directory|File not found|cannot find the file/i.test(text)) {
    return new SerialPortOpenError(`${path} not found`, 'not-found');
  }
  if (/EACCES|EPERM|Permission denied|Access denied|Operation not permitted/i.test(text)) {
    return new SerialPortOpenError(
      `permission denied on ${path} (add the user to the dialout group)`,
      'permission-denied',
    );
  }
  if (/EBUSY|EAGAIN|lock|busy|Resource temporarily unavailable/i.test(text)) {
    return new SerialPortOpenError(`${path} is in use by another program`, 'busy');
  }
  return new SerialPortOpenError(`cannot open ${path}: ${error.message}`, 'other');
}

class OpenSerialConnection implements SerialConnection {
  private closeReason: string | null | undefined = undefined;
  private closeListeners: ((reason: string | null) => void)[] = [];
  private failure: string | null = null;
  private closeRequested = false;
  private readonly dataListeners: ((chunk: Uint8Array) => void)[] = [];
  private held: Uint8Array[] = [];

  constructor(
    private readonly port: SerialPort,
    readonly path: string,
  ) {
    port.on('close', (error: (Error & { disconnected?: boolean }) | null | undefined) => {
      // A failed write also destroys the stream, whose own 'close' (no argument) can come before
      // the one serialport emits once the port is really closed; wait for that one.
      if (!error && this.port.closing) return;
      // serialport passes a DisconnectedError (disconnected: true) when a read or write failed
      // because the device went away, and nothing when the port was closed on purpose.
      if (error?.disconnected) this.finish(`${path} disconnected`);
      else if (this.closeRequested) this.finish(null);
      else this.finish(this.failure ?? `${path} closed unexpectedly`);
    });
    // Keep the port reading from the start: serialport notices an unplugged device only through a
    // failing read, and a paused stream does not read. Copies leave the stream's shared read pool.
    port.on('data', (chunk: Buffer) => this.deliver(new Uint8Array(chunk)));
    // Without a listener, an 'error' event would be thrown and take down the process.
    port.on('error', (error: Error) => {
      if (this.closeReason !== undefined) return;
      this.failure ??= `${path} failed: ${error.message}`;
      // Errors while closing (a write failing because the device went) end with the 'close' event.
      if (this.port.closing) return;
      if (this.port.isOpen && !this.closeRequested) this.port.close();
      else this.finish(this.failure);
    });
  }

  write(bytes: Uint8Array): void {
    if (this.closeReason !== undefined || !this.port.isOpen) return;
    this.port.write(Buffer.from(bytes));
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
    const held = this.held;
    this.held = [];
    for (const chunk of held) listener(chunk);
  }

  onClose(listener: (reason: string | null) => void): void {
    if (this.closeReason !== undefined) listener(this.closeReason);
    else this.closeListeners.push(listener);
  }

  close(): Promise<void> {
    this.closeRequested = true;
    if (this.closeReason === undefined && this.port.closing) {
      // Already closing after a disconnect: resolve once the port is really released.
      return new Promise((resolve) => this.onClose(() => resolve()));
    }
    if (this.closeReason !== undefined || !this.port.isOpen) {
      this.finish(null);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.port.close(() => {
        // A failed close still leaves the port unusable; report it as closed by us.
        this.finish(null);
        resolve();
      });
    });
  }

  private deliver(chunk: Uint8Array): void {
    if (this.dataListeners.length === 0) this.held.push(chunk);
    for (const listener of this.dataListeners) listener(chunk);
  }

  private finish(reason: string | null): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    for (const listener of this.closeListeners.splice(0)) listener(reason);
  }
}

/** What the Linux binding of @serialport/bindings-cpp exposes on an open port. */
interface UnixPortBinding {
  fd: number | null;
  isOpen: boolean;
  poller: { once(event: 'readable', listener: (error: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
}

/**
 * When the other end of a tty hangs up (a pty whose master closed, a line that lost carrier),
 * Linux answers read() with 0 bytes forever. The binding's read retries a 0-byte read at once, so
 * the port spins at full CPU and never reports the disconnect. This read treats 0 bytes as the
 * hangup it is: with vmin=1 and O_NONBLOCK, an idle line answers EAGAIN, never 0. The stream then
 * closes with its usual DisconnectedError.
 */
function readHangupAsDisconnect(binding: unknown): void {
  if (process.platform !== 'linux') return;
  const candidate = binding as Partial<UnixPortBinding> | undefined;
  if (typeof candidate?.fd !== 'number' || typeof candidate.poller?.once !== 'function' || typeof candidate.read !== 'function') {
    return;
  }
  const port = candidate as UnixPortBinding;
  port.read = async (buffer, offset, length) => {
    for (;;) {
      if (!port.isOpen || port.fd === null) throw canceled();
      let bytesRead: number;
      try {
        bytesRead = await readOnce(port.fd, buffer, offset, length);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
        await waitReadable(port);
        continue;
      }
      if (bytesRead === 0) throw new Error('the line hung up');
      return { bytesRead, buffer };
    }
  };
}

function readOnce(fd: number, buffer: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    fsRead(fd, buffer, offset, length, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead)));
  });
}

function waitReadable(port: UnixPortBinding): Promise<void> {
  if (!port.isOpen) return Promise.reject(canceled());
  return new Promise((resolve, reject) => {
    port.poller.once('readable', (error) => (error ? reject(error) : resolve()));
  });
}

/** The stream ignores read errors marked canceled: they mean we are closing. */
function canceled(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}
