// `npm run device -- <command>`: the device command-line tool (main/app/device-cli.ts).
import { runEntry } from './run-entry.mjs';

runEntry('device-cli');
