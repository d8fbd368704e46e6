import type { Kysely } from 'kysely';
import type { devicesContract } from '../../../common/contract/devices.contract';
import {
  PROTOCOL_TRANSPORTS,
  type Device,
  type DeviceSettings,
  type DeviceStatus,
  type MonitorChunk,
} from '../../../common/domain/devices';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { DeviceJournalRepository, type JournalRow } from '../../../db/repositories/device-journal-repository';
import { DeviceRepository, type DeviceRow, type StoredDeviceConfig } from '../../../db/repositories/device-repository';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import type { Database } from '../../../db/schema';
import type { SqliteConnection } from '../../../db/sqlite-driver';
import type { DeviceManager } from '../../devices/device-manager';
import { driverFor } from '../../devices/drivers';
import { toHex, toMonitorText } from '../../devices/monitor-format';
import type { Clock } from '../../ports/clock';
import type { DevicePortScanner, DeviceTransportFactory } from '../../ports/device-transport';
import type { IdGenerator } from '../../ports/id-generator';
import type { Timers } from '../../ports/timers';
import { runConnectionTest } from './connection-test';

export interface DeviceScanResult {
  serial: Awaited<ReturnType<DevicePortScanner['listSerial']>>;
  usb: Awaited<ReturnType<DevicePortScanner['listUsb']>>;
  errors: string[];
}

export interface DeviceHandlerDeps {
  db: Kysely<Database>;
  raw: SqliteConnection;
  clock: Clock;
  ids: IdGenerator;
  timers: Timers;
  workstationId: string;
  manager: DeviceManager;
  factory: DeviceTransportFactory;
  scanPorts: () => Promise<DeviceScanResult>;
}

const PREVIEW_BYTES = 120;

export function toDeviceSettingsOf(row: DeviceRow): DeviceSettings {
  const config = JSON.parse(row.config) as StoredDeviceConfig;
  return {
    name: row.name,
    kind: row.kind as DeviceSettings['kind'],
    protocol: row.protocol as DeviceSettings['protocol'],
    transport: config.transport,
    ...(row.location_id ? { locationId: row.location_id } : {}),
    encoding: config.encoding ?? 'latin1',
    codeMap: config.codeMap ?? {},
  };
}

export function createDeviceHandlers(deps: DeviceHandlerDeps): Handlers<typeof devicesContract> {
  const devices = new DeviceRepository(deps.db);
  const journal = new DeviceJournalRepository(deps.db, deps.raw);
  const now = () => deps.clock.now().toISOString();

  const statusOf = (row: DeviceRow): DeviceStatus =>
    deps.manager.status(row.id) ?? {
      deviceId: row.id,
      state: row.active === 1 ? 'disconnected' : 'disabled',
      reason: row.workstation_id === deps.workstationId ? null : 'attached to another workstation',
      since: row.updated_at,
      lastMessageAt: null,
      messagesReceived: 0,
      framesRejected: 0,
      reconnectAttempt: 0,
      nextRetryAt: null,
    };

  const toDevice = (row: DeviceRow): Device => {
    const s = toDeviceSettingsOf(row);
    return {
      id: row.id,
      name: s.name,
      kind: s.kind,
      protocol: s.protocol,
      transport: s.transport,
      locationId: s.locationId ?? null,
      locationName: row.location_name,
      encoding: s.encoding,
      codeMap: s.codeMap,
      active: row.active === 1,
      attachedHere: row.workstation_id === deps.workstationId,
      version: row.version,
      status: statusOf(row),
    };
  };

  const existing = async (id: string): Promise<DeviceRow> => {
    const row = await devices.find(id);
    if (!row) throw new AppError('NOT_FOUND', 'No such device', 'id');
    return row;
  };

  const checkSettings = async (settings: DeviceSettings, exceptId: string | null): Promise<void> => {
    if (!PROTOCOL_TRANSPORTS[settings.protocol].includes(settings.transport.type)) {
      const allowed = PROTOCOL_TRANSPORTS[settings.protocol].join(' or ');
      throw new AppError('VALIDATION', `${settings.protocol.toUpperCase()} devices connect over ${allowed}`, 'transport.type');
    }
    if (settings.locationId) {
      const location = await new OrganizationRepository(deps.db).findLocation(settings.locationId);
      if (!location || location.deleted === 1) throw new AppError('NOT_FOUND', 'No such location', 'locationId');
      if (location.kind !== 'room' && location.kind !== 'workstation') {
        throw new AppError('VALIDATION', 'A device sits in a room or at a workstation', 'locationId');
      }
    }
    const clash = await devices.findPortClash(deps.workstationId, settings, exceptId);
    if (clash) {
      const field = settings.transport.type === 'serial' ? 'transport.path' : settings.transport.type === 'usb' ? 'transport.productId' : 'transport.listenPort';
      throw new AppError('CONFLICT', `“${clash.name}” already uses this port on this workstation`, field);
    }
  };

  const afterChange = async (id: string): Promise<Device> => {
    await deps.manager.reload(id);
    return toDevice(await existing(id));
  };

  return {
    'devices.list': async (input) => {
      const rows = await devices.list();
      return rows.filter((r) => input.includeInactive || r.active === 1).map(toDevice);
    },

    'devices.statuses': async () => {
      const rows = await devices.listAttachedTo(deps.workstationId);
      return rows.map((r) => ({ ...statusOf(r), name: r.name, kind: r.kind, locationId: r.location_id }));
    },

    'devices.ports': () => deps.scanPorts(),

    'devices.create': async (input) => {
      await checkSettings(input, null);
      const org = await new OrganizationRepository(deps.db).current();
      if (!org) throw new AppError('NOT_FOUND', 'This workstation has no clinic yet; finish the first-run setup');
      const id = deps.ids.uuid();
      await devices.insert({ id, organizationId: org.id, workstationId: deps.workstationId, settings: input, now: now() });
      return afterChange(id);
    },

    'devices.update': async (input) => {
      const row = await existing(input.id);
      if (row.workstation_id !== deps.workstationId) {
        throw new AppError('CONFLICT', 'This device is cabled to another workstation; change it there');
      }
      if (input.settings.protocol !== row.protocol && (await journal.page({ deviceId: row.id, status: 'pending', limit: 1 })).length > 0) {
        throw new AppError('CONFLICT', 'Messages from this device are still being processed; try again in a moment', 'protocol');
      }
      await checkSettings(input.settings, input.id);
      if (!(await devices.update(input.id, input.expectedVersion, input.settings, now()))) {
        throw new AppError('CONFLICT', 'Someone else changed this device meanwhile; reload and try again');
      }
      return afterChange(input.id);
    },

    'devices.setActive': async (input) => {
      const row = await existing(input.id);
      if (input.active) await checkSettings(toDeviceSettingsOf(row), row.id);
      if (!(await devices.setActive(input.id, input.expectedVersion, input.active, now()))) {
        throw new AppError('CONFLICT', 'Someone else changed this device meanwhile; reload and try again');
      }
      return afterChange(input.id);
    },

    'devices.reconnect': async (input) => {
      const row = await existing(input.id);
      if (row.active !== 1) throw new AppError('CONFLICT', 'The device is disabled; enable it first');
      const status = await deps.manager.reconnect(input.id);
      if (!status) throw new AppError('DEVICE_UNAVAILABLE', 'This device is not attached to this workstation');
      return status;
    },

    'devices.testConnection': async (input) => {
      if (!PROTOCOL_TRANSPORTS[input.settings.protocol].includes(input.settings.transport.type)) {
        throw new AppError('VALIDATION', `${input.settings.protocol.toUpperCase()} devices connect over ${PROTOCOL_TRANSPORTS[input.settings.protocol].join(' or ')}`, 'transport.type');
      }
      if (input.deviceId) await existing(input.deviceId);
      const resume = input.deviceId ? await deps.manager.pause(input.deviceId) : () => undefined;
      try {
        return await runConnectionTest({ factory: deps.factory, timers: deps.timers, clock: deps.clock, settings: input.settings, listenMs: input.listenMs });
      } finally {
        resume();
      }
    },

    'devices.monitor': async (input) => {
      await existing(input.id);
      return { recent: deps.manager.monitor.watch(input.id, input.enabled) satisfies MonitorChunk[] };
    },

    'devices.journal': async (input) => {
      const rows = await journal.page({ ...input, limit: input.limit + 1 });
      const names = new Map((await devices.list()).map((d) => [d.id, d.name]));
      return {
        entries: rows.slice(0, input.limit).map((r) => toJournalEntry(r, names.get(r.device_id) ?? '(removed device)')),
        hasMore: rows.length > input.limit,
      };
    },

    'devices.journalEntry': async (input) => {
      const row = await journal.find(input.seq);
      if (!row) throw new AppError('NOT_FOUND', 'No such journal entry', 'seq');
      const device = await devices.find(row.device_id);
      let decoded: unknown = null;
      if (device) {
        const s = toDeviceSettingsOf(device);
        try {
          decoded = driverFor(s.protocol).parse(row.raw, { encoding: s.encoding, codeMap: s.codeMap });
        } catch (error) {
          decoded = { error: error instanceof Error ? error.message : String(error) };
        }
      }
      return {
        ...toJournalEntry(row, device?.name ?? '(removed device)'),
        hex: toHex(row.raw),
        text: toMonitorText(row.raw),
        decoded,
      };
    },
  };
}

function toJournalEntry(row: JournalRow, deviceName: string) {
  return {
    seq: row.seq,
    deviceId: row.device_id,
    deviceName,
    protocol: row.protocol as DeviceSettings['protocol'],
    receivedAt: row.received_at,
    status: row.status,
    error: row.error,
    messageId: row.message_id,
    readingCount: row.reading_count,
    byteCount: row.raw.length,
    preview: toMonitorText(row.raw, PREVIEW_BYTES),
  };
}
