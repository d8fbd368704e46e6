// A workstation process for the crash test: opens the store in AIPC_CRASH_DIR with the real TCP
// transport, makes sure an HL7 monitor listens on AIPC_CRASH_PORT, then prints READY and the
// readings it holds. The test kills it with SIGKILL right after the monitor gets its ACK.
import { join } from 'node:path';
import { createApiClient } from '../../../../common/rpc/client';
import { createKeyFileStore } from '../../../../main/adapters/headless-key-store';
import { nativeDeviceAccess } from '../../../../main/adapters/native-device-access';
import { composeWorkstation } from '../../../../main/app/compose';
import { silentLogger } from '../../../../main/app/logger';
import { createInProcessTransport } from '../../../../main/transports/in-process';
import { argon2PasswordHasher } from '../../../../native/argon2-password-hasher';
import { SqliteCipherDriver } from '../../../../native/sqlite-cipher';

async function main(): Promise<void> {
  const dir = process.env.AIPC_CRASH_DIR!;
  const port = Number(process.env.AIPC_CRASH_PORT);
  const ws = await composeWorkstation({
    dataDir: dir,
    keyStore: createKeyFileStore(join(dir, 'db.key')),
    sqlite: SqliteCipherDriver,
    hasher: argon2PasswordHasher,
    runMode: 'test',
    version: '0.0.0-test',
    logger: silentLogger,
    devices: nativeDeviceAccess(),
  });
  const client = createApiClient(createInProcessTransport(ws.dispatcher, ws.hub));
  const admin = { username: 'admin', password: 'crash test admin' };
  const status = await client.api.auth.setupStatus({});
  if (status.ok && status.value.needsSetup) {
    await client.api.auth.setupFirstAdmin({ organizationName: 'Crash Clinic', displayName: 'Admin', ...admin });
    await client.api.devices.create({
      name: 'Monitor', kind: 'vital_signs_monitor', protocol: 'hl7', transport: { type: 'tcp', listenPort: port, bindAddress: '127.0.0.1' },
    });
  }
  // Start-up has processed whatever the journal held; report it once the monitor's port listens.
  await ws.devices.processor.idle();
  for (let i = 0; i < 500 && !ws.devices.manager.statuses().some((s) => s.state === 'connected'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const raw = ws.database.raw;
  const journal = raw.prepare('SELECT message_id AS messageId, status FROM device_journal ORDER BY seq').all();
  const readings = raw.prepare('SELECT code, value_text AS value FROM device_readings ORDER BY code').all();
  process.stdout.write(`READY ${JSON.stringify({ journal, readings })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
