import type { Kysely } from 'kysely';
import type { DeviceStatus, MonitorChunk } from '../../common/domain/devices';
import { CaptureLookupRepository } from '../../db/repositories/capture-lookup-repository';
import { DeviceJournalRepository } from '../../db/repositories/device-journal-repository';
import { DeviceReadingRepository } from '../../db/repositories/device-reading-repository';
import { DeviceRepository } from '../../db/repositories/device-repository';
import type { Database } from '../../db/schema';
import type { SqliteConnection } from '../../db/sqlite-driver';
import { DeviceJournal } from '../devices/device-journal';
import { DeviceManager } from '../devices/device-manager';
import type { CapturePreparer, DeviceRuntimeConfig } from '../devices/device-session';
import type { Clock } from '../ports/clock';
import type { DeviceTransportFactory } from '../ports/device-transport';
import type { EventPublisher } from '../ports/event-publisher';
import type { IdGenerator } from '../ports/id-generator';
import type { Timers } from '../ports/timers';
import { CaptureFocus } from '../services/capture/capture-focus';
import type { CriticalResultCheck } from '../services/critical-results/critical-result-check';
import { CaptureTargeting } from '../services/capture/capture-targeting';
import { toCapturedReading } from '../services/capture/captured-reading-view';
import { CaptureReadings, type DeviceDecodingSettings } from '../services/capture/capture-readings';
import { JournalProcessor } from '../services/capture/journal-processor';
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
  criticalResults?: CriticalResultCheck;
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

  const capture = new CaptureReadings({
    targeting: new CaptureTargeting(new CaptureLookupRepository(deps.db, deps.raw), focus),
    deviceSettings,
    clinicZone: () => zone.get(),
    ids: deps.ids,
  });
  const publishReadings = (ids: string[]) => {
    void deps.criticalResults?.checkReadings(ids);
    // Nobody who may see readings is connected (a workstation nobody is signed in to): skip the work.
    if (ids.length === 0 || deps.events.hasAudience?.('capture.reading') === false) return;
    void readings
      .findMany(ids)
      .then((rows) => {
        for (const r of rows) deps.events.publish('capture.reading', { reading: toCapturedReading(r) });
      })
      .catch((error: unknown) => deps.logger.error('capture event failed', { error: String(error) }));
  };

  const processor = new JournalProcessor({
    journal: new DeviceJournalRepository(deps.db, deps.raw),
    readings,
    capture,
    clock: deps.clock,
    onProcessed: (ids, superseded) => publishReadings([...ids, ...superseded]),
    onError: (error) => deps.logger.error('journal processing failed', { error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  });
  // Entries the live path could not record (their readings) are processed right after the commit.
  journal.onCommitted(() => void processor.kick());

  /** The live path: a decoded message's readings are written in the same commit as its journal entry. */
  const prepareCapture: CapturePreparer = async (deviceId, message, receivedAt) => {
    const prepared = await capture.prepare(deviceId, message, receivedAt);
    if (!prepared.ok) return null;
    const written: string[] = [];
    return {
      record(seq) {
        const rows = prepared.readings.map((r) => ({ ...r, journal_seq: seq }));
        const superseded = readings.recordEntry({ seq, readings: rows, error: null, supersede: prepared.supersede }, deps.clock.now().toISOString());
        written.push(...rows.map((r) => r.id), ...superseded);
      },
      afterCommit: () => publishReadings(written),
    };
  };

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
    prepareCapture,
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
