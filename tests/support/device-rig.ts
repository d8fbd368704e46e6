import type { CapturedReading } from '../../common/domain/captures';
import type { DeviceSettings, DeviceState, DeviceStatus, SerialTransport } from '../../common/domain/devices';
import type { ApiClient } from '../../common/rpc/client';
import type { WorkstationOptions } from '../../main/app/compose';
import type { ByteChannel } from '../../main/devices/driver';
import { openSerialPort, type SerialConnection } from '../../native/serial-port';
import { setUpAdmin, startTestWorkstation, unwrap, type TestWorkstation } from './test-workstation';
import { recordEvents, type EventRecorder } from './transports';

/** Polls `probe` until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function serialLine(path: string, baudRate: SerialTransport['baudRate'] = 9600): SerialTransport {
  return { type: 'serial', path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' };
}

export interface JournalRow {
  seq: number;
  status: string;
  message_id: string | null;
  raw: Uint8Array;
}

/**
 * A workstation with real device access (whatever factory the test passes), an administrator who
 * configures devices and a nurse who sees the captured readings, and every device status change
 * recorded as the renderer would receive it.
 */
export class DeviceRig {
  private readonly created: string[] = [];

  private constructor(
    readonly tw: TestWorkstation,
    readonly admin: ApiClient,
    readonly nurse: ApiClient,
    private readonly events: EventRecorder,
  ) {}

  static async start(devices: NonNullable<WorkstationOptions['devices']>): Promise<DeviceRig> {
    const tw = await startTestWorkstation({ devices });
    const admin = await setUpAdmin(tw);
    unwrap(await admin.api.users.create({ username: 'nina', displayName: 'Nina Nurse', role: 'nurse', password: 'nina password' }));
    const nurse = tw.client();
    unwrap(await nurse.api.auth.login({ username: 'nina', password: 'nina password' }));
    return new DeviceRig(tw, admin, nurse, recordEvents(tw, admin));
  }

  /** Adds a device through the admin API; the workstation opens it at once. */
  async createDevice(settings: DeviceSettings): Promise<string> {
    const device = unwrap(await this.admin.api.devices.create(settings));
    this.created.push(device.id);
    return device.id;
  }

  /** Every status the workstation pushed for the device, oldest first. */
  statuses(deviceId: string): DeviceStatus[] {
    return this.events.events
      .filter((e) => e.name === 'devices.status')
      .map((e) => e.payload as DeviceStatus)
      .filter((s) => s.deviceId === deviceId);
  }

  /** The states the device went through, repeats folded: ['connecting', 'connected', 'receiving']. */
  states(deviceId: string): DeviceState[] {
    const states: DeviceState[] = [];
    for (const s of this.statuses(deviceId)) if (states.at(-1) !== s.state) states.push(s.state);
    return states;
  }

  current(deviceId: string): DeviceStatus {
    const status = this.tw.workstation.devices.manager.status(deviceId);
    if (!status) throw new Error(`device ${deviceId} has no session`);
    return status;
  }

  /** How many statuses were pushed so far: pass it as `since` to wait for what happens next. */
  mark(deviceId: string): number {
    return this.statuses(deviceId).length;
  }

  /** Waits for a pushed status (past or future, from the `since` mark on) that matches. */
  waitForStatus(
    deviceId: string,
    matches: (s: DeviceStatus) => boolean,
    what: string,
    { since = 0, timeoutMs = 5000 }: { since?: number; timeoutMs?: number } = {},
  ): Promise<DeviceStatus> {
    return until(
      () => this.statuses(deviceId).slice(since).find(matches),
      `${what} (states so far: ${this.states(deviceId).join(' -> ')})`,
      timeoutMs,
    );
  }

  journal(deviceId: string): JournalRow[] {
    return this.tw.workstation.database.raw
      .prepare('SELECT seq, status, message_id, raw FROM device_journal WHERE device_id = ? ORDER BY seq')
      .all(deviceId) as JournalRow[];
  }

  /** Waits until the journal holds `count` entries of the device, all processed into readings. */
  async journalProcessed(deviceId: string, count: number, timeoutMs = 5000): Promise<JournalRow[]> {
    return until(() => {
      const rows = this.journal(deviceId);
      return rows.length === count && rows.every((r) => r.status === 'processed') ? rows : null;
    }, `${count} processed journal entries (have ${this.journal(deviceId).length})`, timeoutMs);
  }

  /** What the nurse sees waiting for a decision from this device. */
  async pending(deviceId: string): Promise<CapturedReading[]> {
    const all = unwrap(await this.nurse.api.capture.pending({ includeUnassigned: true, limit: 500 }));
    return all.filter((r) => r.deviceId === deviceId);
  }

  /** Every reading of the device, including ones a newer reading superseded. */
  readings(deviceId: string): { code: string; loinc: string | null; value: string; status: string }[] {
    return this.tw.workstation.database.raw
      .prepare('SELECT code, loinc, value_text AS value, status FROM device_readings WHERE device_id = ? ORDER BY journal_seq, rowid')
      .all(deviceId) as { code: string; loinc: string | null; value: string; status: string }[];
  }

  /** Disables the devices this rig created, so they stop reconnecting to ports about to vanish. */
  async disableDevices(): Promise<void> {
    for (const id of this.created.splice(0)) {
      const device = unwrap(await this.admin.api.devices.list({})).find((d) => d.id === id);
      if (device?.active) unwrap(await this.admin.api.devices.setActive({ id, expectedVersion: device.version, active: false }));
    }
  }

  async close(): Promise<void> {
    this.events.stop();
    await this.tw.close();
  }
}

/** The instrument's end of a cable: the real serialport library on the other pty of a socat pair. */
export interface Instrument {
  readonly connection: SerialConnection;
  /** For simulators: listeners can unsubscribe, as ByteChannel wants. */
  readonly channel: ByteChannel;
  /** Everything the workstation answered, in order. */
  readonly received: number[];
  close(): Promise<void>;
}

export async function openInstrument(path: string, baudRate: SerialTransport['baudRate'] = 9600): Promise<Instrument> {
  const { type: _type, ...line } = serialLine(path, baudRate);
  const connection = await openSerialPort(line);
  const listeners = new Set<(chunk: Uint8Array) => void>();
  const received: number[] = [];
  connection.onData((chunk) => {
    received.push(...chunk);
    for (const listener of [...listeners]) listener(chunk);
  });
  return {
    connection,
    received,
    channel: {
      write: (bytes) => connection.write(bytes),
      onData(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    close: () => connection.close(),
  };
}

/** Seeded bytes (mulberry32), so "random" line noise is the same on every run. */
export function noise(length: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  return Uint8Array.from({ length }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  });
}
