import type { MonitorChunk } from '../../common/domain/devices';
import { toHex, toMonitorText } from './monitor-format';

interface Captured {
  at: Date;
  direction: MonitorChunk['direction'];
  bytes: Uint8Array;
}

const KEEP = 200;
const SHOW_BYTES = 4096;
/** A monitor someone forgot to close stops streaming after this long. */
export const MONITOR_TTL_MS = 15 * 60_000;

/**
 * The raw monitor: the last chunks of each device's traffic, kept as bytes and formatted only when
 * an administrator looks, and streamed live while a monitor is open.
 */
export class TrafficMonitor {
  private readonly recent = new Map<string, Captured[]>();
  private readonly watching = new Map<string, number>();

  constructor(
    private readonly now: () => Date,
    private readonly stream: (chunk: MonitorChunk) => void,
  ) {}

  record(deviceId: string, direction: MonitorChunk['direction'], bytes: Uint8Array, at: Date): void {
    let list = this.recent.get(deviceId);
    if (!list) this.recent.set(deviceId, (list = []));
    list.push({ at, direction, bytes });
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
    const until = this.watching.get(deviceId);
    if (until === undefined) return;
    if (until < this.now().getTime()) this.watching.delete(deviceId);
    else this.stream(format(deviceId, { at, direction, bytes }));
  }

  /** Starts or stops streaming; returns the recent traffic either way. */
  watch(deviceId: string, enabled: boolean): MonitorChunk[] {
    if (enabled) this.watching.set(deviceId, this.now().getTime() + MONITOR_TTL_MS);
    else this.watching.delete(deviceId);
    return (this.recent.get(deviceId) ?? []).map((c) => format(deviceId, c));
  }

  forget(deviceId: string): void {
    this.recent.delete(deviceId);
    this.watching.delete(deviceId);
  }
}

function format(deviceId: string, c: Captured): MonitorChunk {
  return {
    deviceId,
    at: c.at.toISOString(),
    direction: c.direction,
    hex: c.direction === 'note' ? '' : toHex(c.bytes, SHOW_BYTES),
    text: c.direction === 'note' ? new TextDecoder().decode(c.bytes) : toMonitorText(c.bytes, SHOW_BYTES),
  };
}
