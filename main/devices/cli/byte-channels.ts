import { connect, type Socket } from 'node:net';
import type { SerialLineSettings } from '../../../native/serial-port';
import type { ByteChannel } from '../driver';

/** A port or connection a simulator drives, with the lifecycle the command needs around it. */
export interface OpenChannel {
  readonly name: string;
  readonly channel: ByteChannel;
  /** Once: null when close() was called, otherwise why the port or connection went away. */
  onClose(listener: (reason: string | null) => void): void;
  /** Lets bytes still queued reach the other side, then closes. */
  close(): Promise<void>;
}

/** Fans the one data source out to the simulator's listeners, each removable. */
class Listeners {
  private readonly set = new Set<(chunk: Uint8Array) => void>();
  add(listener: (chunk: Uint8Array) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(chunk: Uint8Array): void {
    for (const listener of [...this.set]) listener(chunk);
  }
}

/** Opens a serial port. The native module loads only here, so `decode` never needs it. */
export async function openSerialChannel(settings: SerialLineSettings): Promise<OpenChannel> {
  const { openSerialPort } = await import('../../../native/serial-port');
  const port = await openSerialPort(settings);
  const listeners = new Listeners();
  port.onData((chunk) => listeners.emit(chunk));
  // The facade has no drain, so closing waits for the line time of what was written last.
  const bitsPerByte = 1 + settings.dataBits + (settings.parity === 'none' ? 0 : 1) + settings.stopBits;
  let sentUntil = 0;
  return {
    name: settings.path,
    channel: {
      write(bytes) {
        sentUntil = Math.max(sentUntil, Date.now()) + Math.ceil((bytes.length * bitsPerByte * 1000) / settings.baudRate);
        port.write(bytes);
      },
      onData: (listener) => listeners.add(listener),
    },
    onClose: (listener) => port.onClose(listener),
    async close() {
      await delay(Math.max(0, sentUntil - Date.now()) + 50);
      await port.close();
    },
  };
}

/** Connects to an MLLP listener (the workstation's HL7 port), as a monitor or gateway does. */
export function connectTcpChannel(host: string, port: number, timeoutMs = 10_000): Promise<OpenChannel> {
  const name = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const onConnectError = (error: Error) => {
      socket.destroy();
      reject(new Error(`cannot connect to ${name}: ${error.message}`));
    };
    socket.once('error', onConnectError);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('connect', () => {
      socket.off('error', onConnectError);
      socket.setTimeout(0);
      socket.setNoDelay(true);
      resolve(tcpChannel(socket, name));
    });
  });
}

function tcpChannel(socket: Socket, name: string): OpenChannel {
  const listeners = new Listeners();
  const closeListeners: ((reason: string | null) => void)[] = [];
  let closeReason: string | null | undefined;
  let closing = false;
  let failure: string | null = null;
  const finish = (reason: string | null) => {
    if (closeReason !== undefined) return;
    closeReason = reason;
    for (const listener of closeListeners.splice(0)) listener(reason);
  };
  socket.on('error', (error) => { failure ??= error.message; });
  socket.on('data', (chunk: Buffer) => listeners.emit(new Uint8Array(chunk)));
  socket.on('close', () => finish(closing ? null : `${name} closed the connection${failure ? ` (${failure})` : ''}`));
  return {
    name,
    channel: { write: (bytes) => { if (!socket.destroyed) socket.write(bytes); }, onData: (listener) => listeners.add(listener) },
    onClose: (listener) => { if (closeReason !== undefined) listener(closeReason); else closeListeners.push(listener); },
    close: () => new Promise<void>((done) => {
      closing = true;
      if (socket.destroyed) { finish(null); done(); return; }
      const force = setTimeout(() => socket.destroy(), 1000);
      socket.once('close', () => { clearTimeout(force); finish(null); done(); });
      socket.end();
    }),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
