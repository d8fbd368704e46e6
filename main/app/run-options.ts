import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_NAME } from './compose';

export interface RunOptions {
  dataDir: string;
  demo: boolean;
  port: number;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [--data-dir DIR] [--demo] [--port N]
  --data-dir DIR  where the encrypted database and its key live (default: the OS application-data folder)
  --demo          create a demo clinic (users, providers, several hundred patients) in an empty data dir
  --port N        headless mode: the port on 127.0.0.1 (default: a free port)`;

/** The OS application-data folder, as Electron's app.getPath('userData') names it. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

export function parseRunOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): RunOptions {
  const options: RunOptions = { dataDir: env.AIPC_DATA_DIR || defaultDataDir(process.platform, env), demo: false, port: 0, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--demo':
        options.demo = true;
        break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535\n${USAGE}`);
        options.port = port;
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        // Electron and Chromium add switches of their own; ignore those, refuse our typos.
        if (flag.startsWith('--') && !flag.startsWith('--inspect') && !flag.startsWith('--remote-debugging') && !flag.startsWith('--no-sandbox')) {
          throw new Error(`Unknown option ${flag}\n${USAGE}`);
        }
    }
  }
  return options;
}
