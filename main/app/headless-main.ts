import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { AppError } from '../../common/rpc/errors';
import { createHeadlessKeyStore } from '../adapters/headless-key-store';
import { cryptoIdGenerator } from '../ports/id-generator';
import { createDemoClinic } from '../services/demo/demo-clinic';
import { startHttpBridge } from '../transports/http-bridge';
import { nativeDeviceAccess } from '../adapters/native-device-access';
import { composeWorkstation } from './compose';
import { formatDemoSummary } from './demo-report';
import { createConsoleLogger } from './logger';
import { parseRunOptions, USAGE } from './run-options';
import { APP_VERSION } from './version';

/**
 * Headless mode: the same main-process services as the desktop app, the renderer served on
 * 127.0.0.1, the API over the token-protected loopback bridge.
 */
async function main(): Promise<void> {
  const options = parseRunOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const logger = createConsoleLogger();
  const workstation = await composeWorkstation({
    dataDir: options.dataDir,
    keyStore: createHeadlessKeyStore(options.dataDir),
    sqlite: SqliteCipherDriver,
    hasher: argon2PasswordHasher,
    runMode: 'headless',
    devices: nativeDeviceAccess(),
    version: APP_VERSION,
    logger,
  });
  if (options.demo) {
    const summary = await createDemoClinic(workstation.database.db, { clock: workstation.clock, hasher: argon2PasswordHasher });
    console.log(formatDemoSummary(summary));
  }

  const rendererDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    logger.warn('renderer not built; run `npm run build` (serving the API only)', { rendererDir });
  }
  const bridge = await startHttpBridge({
    dispatcher: workstation.dispatcher,
    hub: workstation.hub,
    token: cryptoIdGenerator.token(),
    port: options.port,
    rendererDir,
    onError: (error) => logger.error('bridge error', { error: String(error) }),
  });
  console.log(`AIPC Clinical Workstation (headless) data: ${options.dataDir}`);
  console.log(`Open ${bridge.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await workstation.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof AppError) console.error(`${error.code}: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
