import type { Kysely } from 'kysely';
import type { DeviceStatus, MonitorChunk } from '../../common/domain/devices';
import { DeviceJournalRepository } from '../../db/repositories/device-journal-repository';
import { DeviceReadingRepository } from '../../db/repositories/device-reading-repository';
import { DeviceRepository } from '../../db/repositories/device-repository';
import type { Database } from '../../db/schema';
import type { SqliteConnection } from '../../db/sqlite-driver';
import { DeviceJournal } from '../devices/device-journal';
import { DeviceManager } from '../devices/device-manager';
import type { DeviceRuntimeConfig } from '../devices/device-session';
import type { Clock } from '../ports/clock';
import type { DeviceTransportFactory } from '../ports/device-transport';
import type { EventPublisher } from '../ports/event-publisher';
import type { IdGenerator } from '../ports/id-generator';
import type { Timers } from '../ports/timers';
import { CaptureFocus } from '../services/capture/capture-focus';
import { CaptureTargeting } from '../services/capture/capture-targeting';
import { toCapturedReading } from '../services/capture/captured-reading-view';
import { JournalProcessor, type DeviceDecodingSettings } from '../services/capture/journal-processor';
import { toDeviceSettingsOf } from '../services/devices/device-handlers';
import { ClinicTimeZone } from '../services/schedule/clinic-time-zone';
import type { Logger } from './logger';

export interface DeviceCapture {
  manager: DeviceManager;
  journal: DeviceJournal;
  processor: JournalProcessor;
  focus: CaptureFocus;
  /** Processes what a crash left in the journal, then opens the devices. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const SETTINGS_TTL_MS = 1000;

/** Wires the device side: journal, processing into captured readings, and the device manager. */
export function composeDeviceCapture(deps: {
  db: Kysely<Database>;
  raw: SqliteConnection;
  clock: Clock;
  ids: IdGenerator;
  timers: Timers;
  events: EventPublisher;
  logger: Logger;
  factory: DeviceTransportFactory;
  workstationId: string;
}): DeviceCapture {
  const devices = new DeviceRepository(deps.db);
  const readings = new DeviceReadingRepository(deps.db, deps.raw);
  const journal = new DeviceJournal(new DeviceJournalRepository(deps.db, deps.raw));
  const focus = new CaptureFocus(deps.db);
  const zone = new ClinicTimeZone(deps.db, deps.clock);

  // Processing looks a device's decoding settings up for every entry: cache them briefly.
  const settingsCache = new Map<string, { at: number; value: DeviceDecodingSettings | null }>();
  const deviceSettings = async (id: string): Promise<DeviceDecodingSettings | null> => {
    const hit = settingsCache.get(id);
    const now = deps.clock.now().getTime();
    if (hit && now - hit.at < SETTINGS_TTL_MS) return hit.value;
    const row = await devices.find(id);
    const s = row ? toDeviceSettingsOf(row) : null;
    const value = s ? { protocol: s.protocol, encoding: s.encoding, codeMap: s.codeMap, locationId: s.locationId ?? null } : null;
    settingsCache.set(id, { at: now, value });
    return value;
  };

  const processor = new JournalProcessor({
    journal: new DeviceJournalRepository(deps.db, deps.raw),
    readings,
    targeting: new CaptureTargeting(deps.db, focus),
    deviceSettings,
    clinicZone: () => zone.get(),
    clock: deps.clock,
    ids: deps.ids,
    onProcessed: (ids, superseded) => {
      void readings
        .findMany([...ids, ...superseded])
        .then((rows) => {
          for (const r of rows) deps.events.publish('capture.reading', { reading: toCapturedReading(r) });
        })
        .catch((error: unknown) => deps.logger.error('capture event failed', { error: String(error) }));
    },
    onError: (error) => deps.logger.error('journal processing failed', { error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  });
  journal.onCommitted(() => void processor.kick());

  const loadDevices = async (): Promise<DeviceRuntimeConfig[]> => {
    settingsCache.clear();
    const rows = await devices.listAttachedTo(deps.workstationId);
    return rows.map((row) => {
      const s = toDeviceSettingsOf(row);
      return { id: row.id, name: row.name, protocol: s.protocol, transport: s.transport, encoding: s.encoding, codeMap: s.codeMap, active: row.active === 1 };
    });
  };

  const manager = new DeviceManager({
    factory: deps.factory,
    journal,
    timers: deps.timers,
    clock: deps.clock,
    loadDevices,
    publishStatus: (status: DeviceStatus) => deps.events.publish('devices.status', status),
    publishTraffic: (chunk: MonitorChunk) => deps.events.publish('devices.monitor', chunk),
  });

  return {
    manager,
    journal,
    processor,
    focus,
    async start() {
      await processor.kick();
      await manager.start();
    },
    async stop() {
      await manager.stop();
      await journal.drain();
      await processor.idle();
    },
  };
}
