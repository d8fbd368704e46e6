// `npm start`: the Electron app when its binary is installed, otherwise headless mode in one line's notice.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the binary's path
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
const [command, commandArgs] = electron
  ? [electron, ['dist/main/electron-main.cjs', ...args]]
  : [process.execPath, ['dist/main/headless-main.cjs', ...args]];
if (!electron) console.log('Electron binary not installed here; starting headless mode instead (open the URL below in a browser).');
const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
