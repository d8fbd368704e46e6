import type { DeviceStatus, MonitorChunk } from '../../common/domain/devices';
import type { Clock } from '../ports/clock';
import type { DeviceTransportFactory } from '../ports/device-transport';
import type { Timers } from '../ports/timers';
import type { DeviceJournal } from './device-journal';
import { DeviceSession, type CapturePreparer, type DeviceRuntimeConfig } from './device-session';
import { TrafficMonitor } from './traffic-monitor';

export interface DeviceManagerDeps {
  factory: DeviceTransportFactory;
  journal: DeviceJournal;
  prepareCapture?: CapturePreparer;
  timers: Timers;
  clock: Clock;
  random?: () => number;
  /** The devices cabled to this workstation, from the store. */
  loadDevices: () => Promise<DeviceRuntimeConfig[]>;
  publishStatus: (status: DeviceStatus) => void;
  publishTraffic: (chunk: MonitorChunk) => void;
}

/** Counter-only status changes (messages received) are pushed at most this often per device. */
const STATUS_THROTTLE_MS = 250;

/**
 * Owns a session per device attached to this workstation: starts them, applies configuration
 * changes by restarting the one device, and fans status and raw traffic out to the renderers.
 */
export class DeviceManager {
  private readonly sessions = new Map<string, DeviceSession>();
  private readonly lastPushed = new Map<string, number>();
  private readonly pendingPush = new Map<string, DeviceStatus>();
  readonly monitor: TrafficMonitor;

  constructor(private readonly deps: DeviceManagerDeps) {
    this.monitor = new TrafficMonitor(() => deps.clock.now(), deps.publishTraffic);
  }

  async start(): Promise<void> {
    for (const config of await this.deps.loadDevices()) this.open(config);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.stop()));
    this.sessions.clear();
  }

  statuses(): DeviceStatus[] {
    return [...this.sessions.values()].map((s) => s.status);
  }

  status(deviceId: string): DeviceStatus | null {
    return this.sessions.get(deviceId)?.status ?? null;
  }

  /** Re-reads one device's configuration and restarts it (or stops it if disabled or removed). */
  async reload(deviceId: string): Promise<void> {
    const config = (await this.deps.loadDevices()).find((d) => d.id === deviceId);
    const existing = this.sessions.get(deviceId);
    if (existing) {
      await existing.stop(config && !config.active ? 'disabled' : 'disconnected');
      this.sessions.delete(deviceId);
    }
    if (config) this.open(config);
    else this.monitor.forget(deviceId);
  }

  async reconnect(deviceId: string): Promise<DeviceStatus | null> {
    const session = this.sessions.get(deviceId);
    if (!session) return null;
    await session.restart();
    return session.status;
  }

  /** Lets a connection test use the port: stops the device's own session until `resume`. */
  async pause(deviceId: string): Promise<() => void> {
    const session = this.sessions.get(deviceId);
    if (!session) return () => undefined;
    await session.stop();
    return () => session.start();
  }

  private open(config: DeviceRuntimeConfig): void {
    const session = new DeviceSession(config, {
      factory: this.deps.factory,
      journal: this.deps.journal,
      prepareCapture: this.deps.prepareCapture,
      timers: this.deps.timers,
      clock: this.deps.clock,
      random: this.deps.random,
      onStatus: (status, stateChanged) => this.pushStatus(status, stateChanged),
      onTraffic: (id, direction, bytes, at) => this.monitor.record(id, direction, bytes, at),
    });
    this.sessions.set(config.id, session);
    session.start();
    if (!config.active) this.pushStatus(session.status, true);
  }

  private pushStatus(status: DeviceStatus, stateChanged: boolean): void {
    const now = this.deps.clock.now().getTime();
    const last = this.lastPushed.get(status.deviceId) ?? 0;
    if (stateChanged || now - last >= STATUS_THROTTLE_MS) {
      this.pendingPush.delete(status.deviceId);
      this.lastPushed.set(status.deviceId, now);
      this.deps.publishStatus(status);
      return;
    }
    const alreadyWaiting = this.pendingPush.has(status.deviceId);
    this.pendingPush.set(status.deviceId, status);
    if (alreadyWaiting) return;
    this.deps.timers.after(STATUS_THROTTLE_MS - (now - last), () => {
      const latest = this.pendingPush.get(status.deviceId);
      if (!latest) return;
      this.pendingPush.delete(status.deviceId);
      this.lastPushed.set(status.deviceId, this.deps.clock.now().getTime());
      this.deps.publishStatus(latest);
    });
  }
}
