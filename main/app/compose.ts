import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appContract } from '../../common/contract';
import { createDispatcher, type Dispatcher, type Handlers } from '../../common/rpc/dispatcher';
import { openDatabase, type OpenedDatabase } from '../../db/open-database';
import type { SqliteDriver } from '../../db/sqlite-driver';
import { systemClock, type Clock } from '../ports/clock';
import { cryptoIdGenerator, type IdGenerator } from '../ports/id-generator';
import type { KeyStore } from '../ports/key-store';
import type { PasswordHasher } from '../ports/password-hasher';
import { createAuditHandlers, createAuditSink } from '../services/audit/audit-handlers';
import { createAuthHandlers } from '../services/auth/auth-handlers';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '../services/auth/security-policy';
import { SessionStore } from '../services/auth/session-store';
import { createSchedulingHandlers } from '../services/schedule/schedule-handlers';
import { createClinicHandlers } from '../services/clinic/clinic-handlers';
import { createPatientHandlers } from '../services/patients/patient-handlers';
import { createSystemHandlers } from '../services/system/system-handlers';
import { createUserHandlers } from '../services/users/user-handlers';
import { EventHub } from '../transports/event-hub';
import type { DeviceTransportFactory } from '../ports/device-transport';
import { systemTimers, type Timers } from '../ports/timers';
import { createCaptureHandlers } from '../services/capture/capture-handlers';
import { createCareHandlers } from '../services/care/care-handlers';
import { createOrderHandlers } from '../services/orders/order-handlers';
import { createFhirHandlers } from '../services/fhir/fhir-handlers';
import { createDocumentationHandlers } from '../services/documentation/documentation-handlers';
import { createChartHandlers } from '../services/chart/chart-handlers';
import { CriticalResultMonitor } from '../services/critical-results/critical-result-monitor';
import { createCriticalResultHandlers } from '../services/critical-results/critical-result-handlers';
import { createDeviceHandlers, type DeviceScanResult } from '../services/devices/device-handlers';
import { composeDeviceCapture, type DeviceCapture } from './compose-devices';
import { workstationIdentity } from './workstation-identity';
import { loadOrCreateDatabaseKey } from './database-key';
import type { Logger } from './logger';

export const APP_NAME = 'AIPC Clinical Workstation';
export const DATABASE_FILE_NAME = 'workstation.db';

export interface WorkstationOptions {
  dataDir: string;
  keyStore: KeyStore;
  sqlite: SqliteDriver;
  hasher: PasswordHasher;
  runMode: 'electron' | 'headless' | 'test';
  version: string;
  logger: Logger;
  clock?: Clock;
  ids?: IdGenerator;
  policy?: Partial<SecurityPolicy>;
  timers?: Timers;
  /** Device access: serial/USB/TCP adapters. Absent: devices can be configured but not opened. */
  devices?: {
    factory: DeviceTransportFactory;
    scanPorts: () => Promise<DeviceScanResult>;
    /** Open configured devices at start (default true). */
    autoStart?: boolean;
  };
}

const NO_DEVICE_ACCESS: NonNullable<WorkstationOptions['devices']> = {
  factory: { open: () => Promise.reject(new Error('device access is not available in this run mode')) },
  scanPorts: () => Promise.resolve({ serial: [], usb: [], errors: ['device access is not available in this run mode'] }),
};

export interface Workstation {
  readonly database: OpenedDatabase;
  readonly dispatcher: Dispatcher;
  readonly hub: EventHub;
  readonly sessions: SessionStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly workstationId: string;
  readonly devices: DeviceCapture;
  close(): Promise<void>;
}

/** Hand-written wiring of the store, services and dispatcher, shared by every entry point. */
export async function composeWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? cryptoIdGenerator;
  const policy: SecurityPolicy = { ...DEFAULT_SECURITY_POLICY, ...options.policy };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  const key = await loadOrCreateDatabaseKey(options.keyStore, file);
  const database = openDatabase({ file, key, driver: options.sqlite });
  const db = database.db;

  const sessions = new SessionStore(clock, ids, policy);
  const hub = new EventHub(sessions, (error) => options.logger.error('event delivery failed', { error: String(error) }));
  const common = { db, sessions, hasher: options.hasher, clock, ids, events: hub };
  const timers = options.timers ?? systemTimers;
  const deviceAccess = options.devices ?? NO_DEVICE_ACCESS;
  const workstationId = await workstationIdentity(db, ids, clock);
  const criticalResults = new CriticalResultMonitor({
    db, clock, ids, events: hub, onError: (error) => options.logger.error('critical result check failed', { error: String(error) }),
  });
  const devices = composeDeviceCapture({
    db, raw: database.raw, clock, ids, timers, events: hub, logger: options.logger, factory: deviceAccess.factory, workstationId, criticalResults,
  });

  const handlers: Handlers<typeof appContract> = {
    ...createSystemHandlers({ clock, appName: APP_NAME, version: options.version, runMode: options.runMode }),
    ...createAuthHandlers({ ...common, policy }),
    ...createUserHandlers(common),
    ...createClinicHandlers(common),
    ...createSchedulingHandlers(common),
    ...createAuditHandlers(db),
    ...createPatientHandlers({ db, raw: database.raw, clock, ids }),
    ...createDeviceHandlers({
      db, raw: database.raw, clock, ids, timers, workstationId, manager: devices.manager, factory: deviceAccess.factory, scanPorts: deviceAccess.scanPorts,
    }),
    ...createCaptureHandlers({ db, raw: database.raw, clock, ids, events: hub, focus: devices.focus, criticalResults }),
    ...createCareHandlers({ db, clock, ids }),
    ...createOrderHandlers({ db, clock, ids }),
    ...createChartHandlers({ db, raw: database.raw, clock }),
    ...createDocumentationHandlers({ db, clock, ids, criticalResults }),
    ...createCriticalResultHandlers({ db, clock, monitor: criticalResults }),
    ...createFhirHandlers({ db, clock, ids }),
  };
  const dispatcher = createDispatcher(appContract, handlers, {
    sessions,
    audit: createAuditSink(db, clock, ids),
    onInternalError: (method, error) =>
      options.logger.error('call failed', { method, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  });

  if (deviceAccess.autoStart !== false) await devices.start();
  else await devices.processor.kick();

  return {
    database,
    dispatcher,
    hub,
    sessions,
    clock,
    ids,
    workstationId,
    devices,
    async close() {
      await devices.stop();
      await database.close();
    },
  };
}
