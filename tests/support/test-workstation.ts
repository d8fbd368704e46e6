import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, type ApiClient } from '../../common/rpc/client';
import { composeWorkstation, type Workstation, type WorkstationOptions } from '../../main/app/compose';
import { createConsoleLogger, silentLogger } from '../../main/app/logger';
import { createKeyFileStore } from '../../main/adapters/headless-key-store';
import { ManualClock } from '../../main/ports/clock';
import { createInProcessTransport } from '../../main/transports/in-process';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import type { SecurityPolicy } from '../../main/services/auth/security-policy';

export interface TestWorkstation {
  dir: string;
  workstation: Workstation;
  clock: ManualClock;
  client(): ApiClient;
  close(): Promise<void>;
}

export const ADMIN = { username: 'admin', password: 'correct horse battery', displayName: 'Ada Admin' };

/** A real workstation: encrypted SQLite file in a temp dir, real argon2, the real dispatcher. */
export async function startTestWorkstation(
  options: { dir?: string; policy?: Partial<SecurityPolicy>; devices?: WorkstationOptions['devices']; clock?: ManualClock } = {},
): Promise<TestWorkstation> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'aipc-test-'));
  const clock = options.clock ?? new ManualClock(new Date('2026-03-02T08:00:00.000Z'));
  const workstation = await composeWorkstation({
    dataDir: dir,
    keyStore: createKeyFileStore(join(dir, 'db.key')),
    sqlite: SqliteCipherDriver,
    hasher: argon2PasswordHasher,
    runMode: 'test',
    version: '0.0.0-test',
    // AIPC_TEST_LOG=1 shows the workstation's log (internal errors) while debugging a test.
    logger: process.env.AIPC_TEST_LOG ? createConsoleLogger() : silentLogger,
    clock,
    policy: options.policy,
    devices: options.devices,
  });
  return {
    dir,
    workstation,
    clock,
    client: () => createApiClient(createInProcessTransport(workstation.dispatcher, workstation.hub)),
    async close() {
      await workstation.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs first-run setup and returns a client signed in as the administrator. */
export async function setUpAdmin(ws: TestWorkstation, client: ApiClient = ws.client()): Promise<ApiClient> {
  const result = await client.api.auth.setupFirstAdmin({ organizationName: 'Riverside Clinic', ...ADMIN });
  if (!result.ok) throw new Error(`setup failed: ${result.error.message}`);
  return client;
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
