import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEVICE_PROTOCOLS, type DeviceProtocol } from '../../../common/domain/devices';
import { runDeviceCli } from '../../../main/devices/cli/run-device-cli';
import { hl7Driver } from '../../../main/devices/hl7/hl7-driver';
import { noninDriver } from '../../../main/devices/nonin/nonin-driver';
import { systemTimers } from '../../../main/ports/timers';
import { openSerialPort, type SerialConnection } from '../../../native/serial-port';
import { isSocatAvailable, startSocatPair, stopSocatPairs } from '../../support/socat-pair';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'tests/fixtures/devices');
const STX = 0x02;
const ETX = 0x03;
const ETB = 0x17;

const READING_KEYS = [
  'protocol', 'code', 'codeSystem', 'display', 'loinc', 'ucum', 'value', 'unit', 'flags', 'referenceRange', 'comments',
  'patientId', 'sampleId', 'messageId', 'observedAt',
];
/** Every line the tool may print on stderr while decoding. */
const DECODE_STDERR_LINE = /^(rejected [a-z-]+: .* \(\d+ bytes\)|duplicate: .+|decoded \d+ messages? .+|error: (no data|nothing decodable).*)$/;

type Reading = Record<string, unknown> & { code: string; value: string; flags: string[]; comments: string[] };

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

function jsonLines(stdout: string): Reading[] {
  return stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Reading);
}

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter(Boolean);
}

/** The tool in this process: the same code the command runs, without a process start per case. */
async function decodeInProcess(argv: readonly string[], input: readonly Uint8Array[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await runDeviceCli(argv, {
    stdin: input,
    stdout: { write: (text) => { stdout += text; } },
    stderr: { write: (text) => { stderr += text; } },
  });
  return { code, stdout, stderr };
}

/** The tool as `npm run device` runs it from source (node + tsx), stdin piped in. */
function runCommand(argv: readonly string[], stdin?: Uint8Array, timeoutMs = 15_000): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/app/device-cli.ts', ...argv], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => { stdout += text; });
  child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdin === undefined ? undefined : Buffer.from(stdin));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`device-cli ${argv.join(' ')} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Offsets of each ASTM frame's ETX/ETB; the two checksum characters follow it. */
function astmFrameEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  let inFrame = false;
  bytes.forEach((b, i) => {
    if (b === STX) inFrame = true;
    else if (inFrame && (b === ETX || b === ETB)) {
      ends.push(i);
      inFrame = false;
    }
  });
  return ends;
}

describe('device-cli decode', () => {
  it('prints every ASTM result with its ids, LOINC/UCUM, flags and C-record comments, values at their precision', async () => {
    const { code, stdout, stderr } = await decodeInProcess(['decode', '--protocol', 'astm'], [fixture('astm.bin')]);
    expect(code).toBe(0);
    const readings = jsonLines(stdout);
    expect(readings).toHaveLength(12);
    for (const r of readings) expect(Object.keys(r)).toEqual(READING_KEYS);
    expect(readings[0]).toEqual({
      protocol: 'astm', code: 'NA', codeSystem: null, display: 'Sodium [Moles/volume] in Serum or Plasma', loinc: '2951-2',
      ucum: 'mmol/L', value: '137', unit: 'mmol/L', flags: [], referenceRange: '135 to 145', comments: [],
      patientId: 'PID439374', sampleId: 'S001000000', messageId: 'MSG1-0', observedAt: '2024-03-15T08:00:41',
    });
    const hgb = readings.filter((r) => r.code === 'HGB');
    expect(hgb.map((r) => [r.value, r.loinc, r.ucum, r.flags])).toEqual([['13.0', '718-7', 'g/dL', []], ['11.0', '718-7', 'g/dL', ['low']]]);
    expect(readings.find((r) => r.code === 'WBC')).toMatchObject({ value: '1.75', unit: '10^3/uL', ucum: '10*3/uL', flags: ['critical-low'] });
    expect(readings.filter((r) => r.code === 'K').map((r) => r.comments)).toEqual([
      ['Sample slightly haemolysed K may be falsely high'], ['Sample slightly haemolysed K may be falsely high'],
    ]);
    expect(readings.filter((r) => r.code === 'NA').map((r) => r.comments)).toEqual([[], []]);
    expect(readings.at(-1)).toMatchObject({ patientId: 'PID282316', sampleId: 'S001000001', messageId: 'MSG1-1' });
    expect(stderrLines(stderr)).toEqual(['decoded 2 messages (12 readings) from 1363 bytes; 0 rejected, 0 duplicates']);
  });

  it('prints HL7 OBX results with MSH-10, PID-3, OBR filler id, OBX-14 and their NTE comments', async () => {
    const { code, stdout } = await decodeInProcess(['decode', '--protocol', 'hl7', '--encoding', 'utf8'], [fixture('hl7.bin')]);
    expect(code).toBe(0);
    const readings = jsonLines(stdout);
    expect(readings).toHaveLength(12);
    expect(readings[5]).toEqual({
      protocol: 'hl7', code: '150344', codeSystem: 'MDC', display: 'MDC_TEMP', loinc: '8310-5', ucum: 'Cel', value: '37.0',
      unit: 'Cel', flags: [], referenceRange: null, comments: [], patientId: 'PAT1', sampleId: 'VS1-1', messageId: 'SIM1-1',
      observedAt: '2025-01-15T08:00:00+01:00',
    });
    expect(readings[0]).toMatchObject({ code: '150456', loinc: '59408-5', ucum: '%', unit: 'MDC_DIM_PERCENT' });
    expect(readings.filter((r) => r.comments.length > 0).map((r) => [r.code, r.messageId, r.comments])).toEqual([
      ['150023', 'SIM1-1', ['cuff left upper arm']], ['150023', 'SIM1-2', ['cuff left upper arm']],
    ]);
  });

  it('prints Nonin SpO2 and pulse with artifact flags', async () => {
    const { code, stdout } = await decodeInProcess(['decode', '--protocol', 'nonin'], [fixture('nonin.bin')]);
    expect(code).toBe(0);
    const readings = jsonLines(stdout);
    expect(readings.map((r) => [r.code, r.value, r.loinc, r.ucum, r.unit])).toEqual(
      Array.from({ length: 3 }, () => [['SpO2', '97', '59408-5', '%', '%'], ['HR', '62', '8867-4', '/min', 'bpm']]).flat(),
    );
    expect(readings.map((r) => [...r.flags].sort())).toEqual([[], [], [], [], ['artifact', 'out-of-track'], ['artifact', 'out-of-track']]);
    expect(readings[0]).toMatchObject({ patientId: null, sampleId: null, messageId: null, observedAt: null });
  });

  it('prints scale weights at the displayed resolution, unstable ones flagged', async () => {
    const { code, stdout } = await decodeInProcess(['decode', '--protocol', 'scale'], [fixture('scale.bin')]);
    expect(code).toBe(0);
    const readings = jsonLines(stdout);
    expect(readings).toHaveLength(19);
    expect(readings[0]).toMatchObject({ code: 'weight', value: '0.00', unit: 'kg', loinc: '29463-7', ucum: 'kg', flags: [] });
    expect(readings.filter((r) => r.flags.includes('unstable'))).toHaveLength(8);
    expect(readings.filter((r) => r.flags.length === 0).map((r) => r.value)).toContain('85.75');
    expect(readings.map((r) => r.value)).toContain('86.50');
  });

  it('prints HID blood-pressure readings with the monitor time', async () => {
    const { code, stdout } = await decodeInProcess(['decode', '--protocol', 'hid'], [fixture('hid.bin')]);
    expect(code).toBe(0);
    const readings = jsonLines(stdout);
    expect(readings.map((r) => [r.code, r.value, r.unit, r.ucum, r.loinc])).toEqual([
      ['150021', '128', 'mmHg', 'mm[Hg]', '8480-6'], ['150022', '69', 'mmHg', 'mm[Hg]', '8462-4'],
      ['150023', '89', 'mmHg', 'mm[Hg]', '8478-0'], ['149546', '68', 'bpm', '/min', '8867-4'],
      ['150021', '129', 'mmHg', 'mm[Hg]', '8480-6'], ['150022', '67', 'mmHg', 'mm[Hg]', '8462-4'],
      ['150023', '88', 'mmHg', 'mm[Hg]', '8478-0'], ['149546', '89', 'bpm', '/min', '8867-4'],
    ]);
    expect(new Set(readings.map((r) => r.observedAt))).toEqual(new Set(['2025-03-01T10:00:00']));
  });

  it('prints whole messages with --messages', async () => {
    const { code, stdout } = await decodeInProcess(['decode', '--protocol', 'hl7', '--messages'], [fixture('hl7.bin')]);
    expect(code).toBe(0);
    const messages = jsonLines(stdout) as unknown as Record<string, unknown>[];
    expect(messages.map((m) => Object.keys(m))).toEqual([0, 1].map(() => ['protocol', 'type', 'messageId', 'patientId', 'sampleId', 'readings', 'detail']));
    expect(messages.map((m) => [m.type, m.messageId, m.patientId, m.sampleId, (m.readings as unknown[]).length])).toEqual([
      ['ORU^R01', 'SIM1-1', 'PAT1', 'VS1-1', 6], ['ORU^R01', 'SIM1-2', 'PAT1', 'VS1-2', 6],
    ]);
    expect(messages[0]!.detail).toMatchObject({ segments: expect.any(Array) });
  });

  it('applies --codemap overrides and refuses a map that is not code -> LOINC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'device-cli-'));
    try {
      writeFileSync(join(dir, 'good.json'), JSON.stringify({ NA: '2947-0' }));
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ NA: 'sodium' }));
      const good = await decodeInProcess(['decode', '--protocol', 'astm', '--codemap', join(dir, 'good.json')], [fixture('astm.bin')]);
      expect(jsonLines(good.stdout).filter((r) => r.code === 'NA').map((r) => r.loinc)).toEqual(['2947-0', '2947-0']);
      const bad = await decodeInProcess(['decode', '--protocol', 'astm', '--codemap', join(dir, 'bad.json')], [fixture('astm.bin')]);
      expect(bad).toMatchObject({ code: 2, stdout: '' });
      expect(bad.stderr).toMatch(/--codemap .*bad\.json .* at "NA"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a frame with a bad checksum on stderr and still decodes both messages after the resend', async () => {
    const good = fixture('astm.bin');
    const end = astmFrameEnds(good)[2]!;
    const corrupted = good.slice(0, end + 5);
    corrupted[end + 1] = corrupted[end + 1] === 0x30 ? 0x31 : 0x30;
    const frameStart = good.lastIndexOf(STX, end);
    // The analyzer resends the frame after our NAK: the capture holds the bad copy, then the good one.
    const capture = Buffer.concat([corrupted, good.subarray(frameStart)]);
    const { code, stdout, stderr } = await decodeInProcess(['decode', '--protocol', 'astm'], [capture]);
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toHaveLength(12);
    const lines = stderrLines(stderr);
    expect(lines.filter((l) => l.startsWith('rejected'))).toEqual([expect.stringMatching(/^rejected checksum: frame 3: checksum [0-9A-F]{2}, computed [0-9A-F]{2} \(\d+ bytes\)$/)]);
  });

  it('drops a corrupted message without losing the good one before it', async () => {
    const good = fixture('astm.bin');
    const ends = astmFrameEnds(good);
    const capture = good.slice();
    const checksumAt = ends.at(-3)! + 1;
    capture[checksumAt] = capture[checksumAt]! ^ 0x01;
    const { code, stdout, stderr } = await decodeInProcess(['decode', '--protocol', 'astm'], [capture]);
    expect(code).toBe(0);
    expect(new Set(jsonLines(stdout).map((r) => r.messageId))).toEqual(new Set(['MSG1-0']));
    expect(stderr).toMatch(/^rejected checksum: /m);
    expect(stderr).toMatch(/^rejected truncated: /m);
    const nonin = fixture('nonin.bin').slice();
    const frameChecksumAt = 125 + 5 * 3 + 4;
    nonin[frameChecksumAt] = nonin[frameChecksumAt]! ^ 0xff;
    const oximeter = await decodeInProcess(['decode', '--protocol', 'nonin'], [nonin]);
    expect(oximeter.code).toBe(0);
    expect(oximeter.stderr).toMatch(/^rejected checksum: .*\(15 bytes\)$/m);
    expect(jsonLines(oximeter.stdout).length).toBeGreaterThanOrEqual(2);
  });

  it('reports a retransmitted ASTM frame once and decodes its message once', async () => {
    const { code, stdout, stderr } = await decodeInProcess(['decode', '--protocol', 'astm'], [fixture('astm-retransmitted.bin')]);
    expect(code).toBe(0);
    expect(jsonLines(stdout).map((r) => r.code)).toEqual(['NA', 'K', 'CREA', 'HGB', 'WBC']);
    expect(stderrLines(stderr).filter((l) => l.startsWith('duplicate'))).toEqual(['duplicate: frame 2 retransmitted (already accepted)']);
  });

  it('reports an HL7 message resent after a lost ACK once and prints its readings once', async () => {
    const { code, stdout, stderr } = await decodeInProcess(['decode', '--protocol', 'hl7'], [fixture('hl7-resent.bin')]);
    expect(code).toBe(0);
    expect(jsonLines(stdout).map((r) => r.messageId)).toEqual([...Array(6).fill('SIM1-1'), ...Array(6).fill('SIM1-2')]);
    expect(stderrLines(stderr).filter((l) => l.startsWith('duplicate'))).toEqual(['duplicate: message SIM1-1 resent (already decoded, 858 bytes)']);
  });

  it('decodes the same whatever the chunking of the input', async () => {
    const whole = await decodeInProcess(['decode', '--protocol', 'astm'], [fixture('astm.bin')]);
    const bytes = fixture('astm.bin');
    const pieces = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect((await decodeInProcess(['decode', '--protocol', 'astm'], pieces)).stdout).toBe(whole.stdout);
  });

  it('exits 2 on empty input, on noise and on an unreadable --in file', async () => {
    const empty = await decodeInProcess(['decode', '--protocol', 'nonin'], []);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toMatch(/^error: no data/m);
    const noise = await decodeInProcess(['decode', '--protocol', 'hl7'], [Buffer.from('hello, this is not a device\r\n'.repeat(20))]);
    expect(noise).toMatchObject({ code: 2, stdout: '' });
    expect(noise.stderr).toMatch(/^error: nothing decodable/m);
    const missing = await decodeInProcess(['decode', '--protocol', 'astm', '--in', join(FIXTURES, 'no-such-capture.bin')], []);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*no-such-capture\.bin/);
  });

  it('never fails on arbitrary bytes, alone or spliced into a valid capture (exit 0 or 2, only report lines)', async () => {
    const captures: Record<DeviceProtocol, Uint8Array> = {
      astm: fixture('astm.bin'), hl7: fixture('hl7.bin'), nonin: fixture('nonin.bin'), scale: fixture('scale.bin'), hid: fixture('hid.bin'),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DEVICE_PROTOCOLS),
        fc.uint8Array({ maxLength: 600 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.boolean(),
        async (protocol, noise, spliceAt, cuts, messages) => {
          const capture = captures[protocol];
          const input = spliceAt === undefined
            ? noise
            : Buffer.concat([capture.subarray(0, spliceAt % (capture.length + 1)), noise, capture.subarray(spliceAt % (capture.length + 1))]);
          const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
          const chunks = [...points, input.length].map((p, i, all) => input.subarray(i === 0 ? 0 : all[i - 1]!, p));
          const argv = ['decode', '--protocol', protocol, ...(messages ? ['--messages'] : [])];
          const { code, stdout, stderr } = await decodeInProcess(argv, chunks);
          expect([0, 2]).toContain(code);
          for (const line of stderrLines(stderr)) expect(line).toMatch(DECODE_STDERR_LINE);
          for (const line of stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
          if (code === 0) expect(stdout).not.toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe.concurrent('device-cli as a command', () => {
  it('decodes a capture piped into stdin', async () => {
    const { code, stdout, stderr } = await runCommand(['decode', '--protocol', 'astm'], fixture('astm.bin'));
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toHaveLength(12);
    expect(stderr).toContain('decoded 2 messages (12 readings)');
  });

  it('exits 2 on pure noise and on random bytes spliced into a capture, without a stack trace', async () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff);
    const spliced = Buffer.concat([fixture('hl7.bin').subarray(0, 400), noise.subarray(0, 300), fixture('hl7.bin').subarray(400)]);
    const [allNoise, splice] = await Promise.all([
      runCommand(['decode', '--protocol', 'nonin'], noise),
      runCommand(['decode', '--protocol', 'hl7', '--messages'], spliced),
    ]);
    expect(allNoise).toMatchObject({ code: 2, stdout: '' });
    expect([0, 2]).toContain(splice.code);
    for (const outcome of [allNoise, splice]) {
      expect(outcome.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
      for (const line of stderrLines(outcome.stderr)) expect(line).toMatch(DECODE_STDERR_LINE);
    }
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const { code, stdout, stderr } = await runCommand(['decode', '--protocol', 'telepathy']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: --protocol must be one of astm, hl7, nonin, scale, hid/);
    expect(stderr).toContain('Usage: npm run device --');
    expect(stderr).toContain('Exit status:');
  });
});

describe('device-cli arguments', () => {
  it.each([
    [[]],
    [['help']],
    [['decode', '--help']],
  ])('prints the usage for %j', async (argv) => {
    const { code, stdout } = await decodeInProcess(argv, []);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: npm run device --');
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['decode'], /--protocol is required/],
    [['decode', '--protocol', 'astm', '--encoding', 'ebcdic'], /--encoding must be one of latin1, utf8, shift_jis/],
    [['decode', '--protocol', 'astm', '--bogus'], /unknown option "--bogus"/],
    [['simulate', '--protocol', 'nonin'], /exactly one of --port PATH or --tcp HOST:PORT/],
    [['simulate', '--protocol', 'nonin', '--tcp', '127.0.0.1:2575'], /--tcp is for hl7 only/],
    [['simulate', '--protocol', 'hid', '--port', '/dev/null'], /USB devices/],
    [['simulate', '--protocol', 'hl7', '--tcp', 'localhost'], /--tcp must be HOST:PORT/],
    [['simulate', '--protocol', 'scale', '--port', '/dev/x', '--count', '0'], /--count must be a whole number from 1/],
    [['simulate', '--protocol', 'scale', '--port', '/dev/x', '--parity', 'mark'], /--parity must be one of none, even, odd/],
    [['capture', '--port', '/dev/x'], /--out is required/],
  ])('exits 2 for %j', async (argv, message) => {
    const { code, stderr } = await decodeInProcess(argv, []);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it('exits 1 when the MLLP listener is not there', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((done) => server.close(() => done()));
    const { code, stderr } = await decodeInProcess(['simulate', '--protocol', 'hl7', '--tcp', `127.0.0.1:${port}`, '--count', '1'], []);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: cannot connect to 127\.0\.0\.1:\d+/m);
  });
});

describe('device-cli simulate', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  const ports: SerialConnection[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((s) => new Promise<void>((done) => s.close(() => done()))));
    await Promise.all(ports.splice(0).map((p) => p.close().catch(() => undefined)));
    await stopSocatPairs();
  });
  afterAll(stopSocatPairs);

  it('sends HL7 messages to an MLLP listener and exits 0 once all are acknowledged', async () => {
    const delivered: string[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      const link = hl7Driver.createLink({
        write: (bytes) => socket.write(bytes),
        deliver: async (event) => {
          delivered.push(event.message.messageId ?? '');
          return { stored: true, duplicate: false };
        },
        notice: () => undefined,
      }, { encoding: 'utf8', timers: systemTimers });
      socket.on('data', (chunk) => link.receive(new Uint8Array(chunk)));
      socket.on('error', () => undefined);
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;

    const { code, stderr } = await runCommand(['simulate', '--protocol', 'hl7', '--tcp', `127.0.0.1:${port}`, '--count', '2', '--encoding', 'utf8']);
    expect(code, stderr).toBe(0);
    expect(delivered).toEqual(['SIM1-1', 'SIM1-2']);
    expect(stderr).toMatch(/^acknowledged SIM1-1$/m);
    expect(stderr).toMatch(/^acknowledged SIM1-2$/m);
    expect(stderr).toMatch(/^summary: sent 2, acknowledged 2, failed 0$/m);
  });

  it.skipIf(!isSocatAvailable())('plays a Nonin oximeter on a serial port: three packets the real serialport decodes', async () => {
    const pair = await startSocatPair();
    const host = await openSerialPort({ path: pair.hostSide, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' });
    ports.push(host);
    const decoder = noninDriver.createDecoder({ encoding: 'latin1' });
    const events: ReturnType<typeof decoder.push> = [];
    host.onData((chunk) => events.push(...decoder.push(chunk)));

    const { code, stderr } = await runCommand(['simulate', '--protocol', 'nonin', '--port', pair.deviceSide, '--count', '3', '--interval', '50']);
    expect(code, stderr).toBe(0);
    await expect.poll(() => events.filter((e) => e.kind === 'message').length, { timeout: 3_000, interval: 20 }).toBe(3);
    expect(events.filter((e) => e.kind !== 'message')).toEqual([]);
    expect(stderrLines(stderr).filter((l) => l.startsWith('sent #'))).toEqual(['sent #1 (125 bytes)', 'sent #2 (125 bytes)', 'sent #3 (125 bytes)']);
    expect(stderr).toMatch(/^summary: sent 3, acknowledged 3, failed 0$/m);
  });

  it.skipIf(!isSocatAvailable())('captures what arrives on a serial port into a file decode reads', async () => {
    const pair = await startSocatPair();
    const instrument = await openSerialPort({ path: pair.deviceSide, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' });
    ports.push(instrument);
    const dir = mkdtempSync(join(tmpdir(), 'device-cli-'));
    try {
      const out = join(dir, 'capture.bin');
      const capturing = decodeInProcess(['capture', '--port', pair.hostSide, '--out', out, '--seconds', '0.6'], []);
      await new Promise((done) => setTimeout(done, 200));
      instrument.write(fixture('scale.bin'));
      const { code, stderr } = await capturing;
      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(/^captured 342 bytes from .* to .*capture\.bin/m);
      expect(new Uint8Array(readFileSync(out))).toEqual(fixture('scale.bin'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
