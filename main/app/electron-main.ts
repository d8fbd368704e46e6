import { app, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { createSafeStorageKeyStore } from '../adapters/safe-storage-key-store';
import { createDemoClinic } from '../services/demo/demo-clinic';
import { registerIpcTransport } from '../transports/electron-ipc';
import { nativeDeviceAccess } from '../adapters/native-device-access';
import { composeWorkstation, type Workstation } from './compose';
import { formatDemoSummary } from './demo-report';
import { createAppWindow, rendererUrl } from './electron-window';
import { createConsoleLogger } from './logger';
import { parseRunOptions } from './run-options';
import { APP_VERSION } from './version';

/** Electron entry: kept thin. Everything it wires is the same as headless mode. */
const logger = createConsoleLogger();
const options = parseRunOptions(process.argv.slice(app.isPackaged ? 1 : 2), {
  ...process.env,
  AIPC_DATA_DIR: process.env.AIPC_DATA_DIR || app.getPath('userData'),
});
app.enableSandbox();
let workstation: Workstation | undefined;

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  try {
    workstation = await composeWorkstation({
      dataDir: options.dataDir,
      keyStore: createSafeStorageKeyStore(options.dataDir),
      sqlite: SqliteCipherDriver,
      hasher: argon2PasswordHasher,
      runMode: 'electron',
      devices: nativeDeviceAccess(),
      version: APP_VERSION,
      logger,
    });
    if (options.demo) {
      console.log(formatDemoSummary(await createDemoClinic(workstation.database.db, { clock: workstation.clock, hasher: argon2PasswordHasher })));
    }
    const paths = { preload: join(__dirname, '..', 'preload', 'index.cjs'), indexHtml: join(__dirname, '..', 'renderer', 'index.html') };
    const home = rendererUrl(paths);
    registerIpcTransport({ ipcMain, dispatcher: workstation.dispatcher, hub: workstation.hub, isTrustedUrl: (url) => url === home || url.startsWith(`${home}#`) });
    createAppWindow(paths);
  } catch (error) {
    dialog.showErrorBox('AIPC Clinical Workstation could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  }
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  void workstation?.close();
});
