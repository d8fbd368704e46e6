import type { ByteChannel } from '../../../main/devices/driver';
import type { SerialConnection } from '../../../native/serial-port';

/** A simulator's side of a serial port (the far end of a socat pty pair). */
export function serialChannel(port: SerialConnection): ByteChannel {
  const listeners = new Set<(chunk: Uint8Array) => void>();
  port.onData((chunk) => listeners.forEach((l) => l(chunk)));
  return { write: (bytes) => port.write(bytes), onData: (l) => (listeners.add(l), () => listeners.delete(l)) };
}
