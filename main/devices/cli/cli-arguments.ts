import {
  DEVICE_PROTOCOLS, PROTOCOL_TRANSPORTS, TEXT_ENCODINGS, type DeviceProtocol, type TextEncoding,
} from '../../../common/domain/devices';
import type { SerialLineSettings } from '../../../native/serial-port';

export const DEVICE_CLI_USAGE = `Usage: npm run device -- <command> [options]

  decode   --protocol P [--encoding E] [--in FILE] [--messages] [--codemap FILE]
           Reads a raw capture from stdin (or --in FILE) and prints one JSON object per reading on
           stdout (one per message with --messages). Every rejected frame gives one stderr line
           "rejected <reason>: <detail> (N bytes)", a retransmission "duplicate: <detail>"; a summary
           line ends stderr. --codemap FILE: JSON object of analyzer code -> LOINC overrides.

  simulate --protocol P (--port PATH [line settings] | --tcp HOST:PORT)
           [--count N] [--interval MS] [--seed N] [--encoding E]
           Plays the device on a serial port, or for hl7 connects to the workstation's MLLP listener.
           Sends N messages (default: until Ctrl-C); progress and a summary on stderr.

  capture  --port PATH --out FILE [--seconds N] [line settings]
           Records the raw bytes arriving on a serial port into FILE (until N seconds or Ctrl-C).
           Listens only: nothing is acknowledged.

  help     This text.

  Protocols: astm, hl7, nonin, scale, hid (hid: decode only, it is a USB device).
  Encodings: latin1 (default), utf8, shift_jis.
  Line settings: --baud N (9600) --data-bits 7|8 (8) --parity none|even|odd (none)
                 --stop-bits 1|2 (1) --flow-control none|rtscts|xonxoff (none)

  Exit status:
    0  decode: at least one message decoded; simulate: every message acknowledged; capture: done
    1  simulate: a message was not acknowledged, or the port or connection failed;
       capture: the port could not be opened or failed
    2  bad arguments (this text on stderr); decode: nothing decodable (empty input, only noise,
       unreadable --in or --codemap file)`;

export type SimulateTarget =
  | { type: 'serial'; settings: SerialLineSettings }
  | { type: 'tcp'; host: string; port: number };

export interface DecodeCommand {
  command: 'decode';
  protocol: DeviceProtocol;
  encoding: TextEncoding;
  inFile: string | null;
  messages: boolean;
  codeMapFile: string | null;
}

export interface SimulateCommand {
  command: 'simulate';
  protocol: Exclude<DeviceProtocol, 'hid'>;
  target: SimulateTarget;
  /** null: until interrupted. */
  count: number | null;
  /** null: the device's own pace. */
  intervalMs: number | null;
  seed: number;
  encoding: TextEncoding;
}

export interface CaptureCommand {
  command: 'capture';
  settings: SerialLineSettings;
  outFile: string;
  /** null: until interrupted. */
  seconds: number | null;
}

export type DeviceCliCommand = { command: 'help' } | DecodeCommand | SimulateCommand | CaptureCommand;

export type ParsedArguments = { ok: true; value: DeviceCliCommand } | { ok: false; message: string };

class ArgumentError extends Error {}

const FLAGS: Readonly<Record<DeviceCliCommand['command'], readonly string[]>> = {
  help: [],
  decode: ['--protocol', '--encoding', '--in', '--messages', '--codemap'],
  simulate: ['--protocol', '--port', '--tcp', '--count', '--interval', '--seed', '--encoding', ...lineFlags()],
  capture: ['--port', '--out', '--seconds', ...lineFlags()],
};
const SWITCHES = new Set(['--messages']);

function lineFlags(): string[] {
  return ['--baud', '--data-bits', '--parity', '--stop-bits', '--flow-control'];
}

/** argv after the script name; errors are values, with a message for the technician. */
export function parseDeviceCliArguments(argv: readonly string[]): ParsedArguments {
  try {
    return { ok: true, value: parseOrThrow(argv) };
  } catch (error) {
    if (error instanceof ArgumentError) return { ok: false, message: error.message };
    throw error;
  }
}

function parseOrThrow(argv: readonly string[]): DeviceCliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command !== 'decode' && command !== 'simulate' && command !== 'capture') {
    throw new ArgumentError(`unknown command "${command}" (decode, simulate, capture or help)`);
  }
  const flags = readFlags(rest, FLAGS[command]);
  if (flags.has('--help')) return { command: 'help' };
  switch (command) {
    case 'decode':
      return {
        command,
        protocol: protocolOf(flags),
        encoding: encodingOf(flags),
        inFile: flags.get('--in') ?? null,
        messages: flags.has('--messages'),
        codeMapFile: flags.get('--codemap') ?? null,
      };
    case 'simulate':
      return simulateOf(flags);
    case 'capture':
      return {
        command,
        settings: lineSettingsOf(flags, required(flags, '--port')),
        outFile: required(flags, '--out'),
        seconds: optionalNumber(flags, '--seconds', { min: 0.001, integer: false }),
      };
  }
}

function readFlags(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') {
      flags.set('--help', '');
      continue;
    }
    if (!allowed.includes(flag)) throw new ArgumentError(`unknown option "${flag}"`);
    if (flags.has(flag)) throw new ArgumentError(`${flag} given twice`);
    if (SWITCHES.has(flag)) {
      if (inline !== undefined) throw new ArgumentError(`${flag} takes no value`);
      flags.set(flag, '');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new ArgumentError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  return flags;
}

function required(flags: Map<string, string>, flag: string): string {
  const value = flags.get(flag);
  if (value === undefined) throw new ArgumentError(`${flag} is required`);
  return value;
}

function oneOf<T extends string>(flags: Map<string, string>, flag: string, choices: readonly T[], fallback?: T): T {
  const value = flags.get(flag);
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new ArgumentError(`${flag} is required (${choices.join(', ')})`);
  }
  if (!(choices as readonly string[]).includes(value)) throw new ArgumentError(`${flag} must be one of ${choices.join(', ')}, not "${value}"`);
  return value as T;
}

function protocolOf(flags: Map<string, string>): DeviceProtocol {
  return oneOf(flags, '--protocol', DEVICE_PROTOCOLS);
}

function encodingOf(flags: Map<string, string>): TextEncoding {
  return oneOf(flags, '--encoding', TEXT_ENCODINGS, 'latin1');
}

function optionalNumber(flags: Map<string, string>, flag: string, limits: { min: number; max?: number; integer: boolean }): number | null {
  const text = flags.get(flag);
  if (text === undefined) return null;
  const n = Number(text);
  const max = limits.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || n < limits.min || n > max || (limits.integer && !Number.isInteger(n))) {
    const kind = limits.integer ? 'a whole number' : 'a number';
    throw new ArgumentError(`${flag} must be ${kind} from ${limits.min}${limits.max === undefined ? ' up' : ` to ${max}`}, not "${text}"`);
  }
  return n;
}

function lineSettingsOf(flags: Map<string, string>, path: string): SerialLineSettings {
  const baudRate = optionalNumber(flags, '--baud', { min: 50, max: 4_000_000, integer: true }) ?? 9600;
  return {
    path,
    baudRate,
    dataBits: Number(oneOf(flags, '--data-bits', ['5', '6', '7', '8'], '8')) as SerialLineSettings['dataBits'],
    parity: oneOf(flags, '--parity', ['none', 'even', 'odd'], 'none'),
    stopBits: Number(oneOf(flags, '--stop-bits', ['1', '2'], '1')) as SerialLineSettings['stopBits'],
    flowControl: oneOf(flags, '--flow-control', ['none', 'rtscts', 'xonxoff'], 'none'),
  };
}

function simulateOf(flags: Map<string, string>): SimulateCommand {
  const protocol = protocolOf(flags);
  if (protocol === 'hid') throw new ArgumentError('hid blood-pressure monitors are USB devices and cannot be simulated on a port; decode a capture instead');
  const port = flags.get('--port');
  const tcp = flags.get('--tcp');
  if ((port === undefined) === (tcp === undefined)) throw new ArgumentError('simulate needs exactly one of --port PATH or --tcp HOST:PORT');
  let target: SimulateTarget;
  if (tcp !== undefined) {
    if (!PROTOCOL_TRANSPORTS[protocol].includes('tcp')) throw new ArgumentError(`--tcp is for hl7 only; ${protocol} devices use a serial port`);
    const hostPort = /^(.+):(\d{1,5})$/.exec(tcp);
    const tcpPort = Number(hostPort?.[2]);
    if (!hostPort || tcpPort < 1 || tcpPort > 65535) throw new ArgumentError(`--tcp must be HOST:PORT, e.g. 127.0.0.1:2575, not "${tcp}"`);
    target = { type: 'tcp', host: hostPort[1]!.replace(/^\[(.*)\]$/, '$1'), port: tcpPort };
  } else {
    target = { type: 'serial', settings: lineSettingsOf(flags, port!) };
  }
  return {
    command: 'simulate',
    protocol,
    target,
    count: optionalNumber(flags, '--count', { min: 1, integer: true }),
    intervalMs: optionalNumber(flags, '--interval', { min: 0, max: 3_600_000, integer: true }),
    seed: optionalNumber(flags, '--seed', { min: 0, max: 0xffffffff, integer: true }) ?? 1,
    encoding: encodingOf(flags),
  };
}
