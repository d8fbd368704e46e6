import { createServer, type Server, type Socket } from 'node:net';
import type { DeviceTransportConfig } from '../../common/domain/devices';
import type { DeviceStream, DeviceTransportFactory, OpenedTransport } from '../ports/device-transport';
import { OnceEvent } from './transport-events';

/** Monitors and HL7 gateways keep a connection open for hours; keepalive notices a dead peer. */
const KEEPALIVE_MS = 30_000;

/**
 * An MLLP listener: the monitor or gateway connects to us. Each client connection is its own
 * stream (its own framing and ACK state); MLLP framing itself is the hl7-mllp driver's job.
 */
export class TcpMllpTransport implements DeviceTransportFactory {
  async open(config: DeviceTransportConfig): Promise<OpenedTransport> {
    if (config.type !== 'tcp') throw new Error(`the TCP listener cannot open a ${config.type} connection`);
    const server = createServer();
    await listen(server, config.listenPort, config.bindAddress);
    return new TcpListener(server);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new Error(describeListenError(error, port, host)));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}

export function describeListenError(error: NodeJS.ErrnoException, port: number, host: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} already in use`;
    case 'EACCES':
      return `permission denied to listen on port ${port}`;
    case 'EADDRNOTAVAIL':
      return `address ${host} is not available on this workstation`;
    default:
      return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}

class TcpListener implements OpenedTransport {
  private readonly clients = new Map<Socket, ClientStream>();
  private readonly streamListeners: ((stream: DeviceStream) => void)[] = [];
  private readonly closed = new OnceEvent<string | null>();
  private closing: Promise<void> | null = null;

  constructor(private readonly server: Server) {
    server.on('connection', (socket) => this.accept(socket));
    server.on('error', (error) => {
      // After listening, an error means the listener is unusable; drop it and say why.
      void this.shutDown(`listener failed: ${error.message}`);
    });
  }

  onStream(listener: (stream: DeviceStream) => void): void {
    this.streamListeners.push(listener);
    // Clients that connected before anyone listened are still announced.
    for (const client of this.clients.values()) listener(client);
  }

  onClosed(listener: (reason: string | null) => void): void {
    this.closed.listen(listener);
  }

  close(): Promise<void> {
    return this.shutDown(null);
  }

  private accept(socket: Socket): void {
    if (this.closed.hasFired || this.closing) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, KEEPALIVE_MS);
    const client = new ClientStream(socket);
    this.clients.set(socket, client);
    client.onEnd(() => this.clients.delete(socket));
    for (const listener of this.streamListeners) listener(client);
  }

  private shutDown(reason: string | null): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      // server.close() waits for open connections, so end ours first.
      for (const client of [...this.clients.values()]) client.endByUs();
      this.server.close(() => resolve());
    }).then(() => {
      this.closed.fire(reason);
    });
    return this.closing;
  }
}

class ClientStream implements DeviceStream {
  readonly label: string;
  private readonly ended = new OnceEvent<string | null>();
  private closedByUs = false;
  private failure: string | null = null;

  constructor(private readonly socket: Socket) {
    this.label = `tcp ${formatHost(socket.remoteAddress)}:${socket.remotePort ?? '?'}`;
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.failure = error.code === 'ECONNRESET' ? 'connection reset by the device' : `connection failed: ${error.message}`;
    });
    socket.on('end', () => {
      // The peer finished sending; MLLP has no half-close, so finish our side too.
      socket.end();
    });
    socket.on('close', () => {
      this.ended.fire(this.closedByUs ? null : (this.failure ?? 'connection closed by the device'));
    });
  }

  write(bytes: Uint8Array): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(bytes);
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.socket.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk)));
  }

  onEnd(listener: (reason: string | null) => void): void {
    this.ended.listen(listener);
  }

  endByUs(): void {
    this.closedByUs = true;
    this.socket.destroy();
    // The socket's 'close' comes a tick later; the stream is over for our purposes now.
    this.ended.fire(null);
  }
}

function formatHost(address: string | undefined): string {
  if (address === undefined) return '?';
  // IPv4 clients of a dual-stack socket show up as ::ffff:10.0.0.5.
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
