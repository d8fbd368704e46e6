import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceJournalRepository } from '../../../db/repositories/device-journal-repository';
import { buildOruMessage, frameMllp } from '../../../main/devices/hl7/hl7-driver';
import { PipeTransportFactory } from '../../support/pipe-transport';
import { setUpAdmin, startTestWorkstation, unwrap } from '../../support/test-workstation';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function oru(controlId: string): Uint8Array {
  return buildOruMessage(
    {
      controlId,
      timestamp: '20260302091500+0100',
      patient: { id: 'UNKNOWN-1' },
      observations: [
        { valueType: 'NM', code: '150456', text: 'MDC_PULS_OXIM_SAT_O2', system: 'MDC', value: '97', unit: '%' },
        { valueType: 'NM', code: '150344', text: 'MDC_TEMP', system: 'MDC', value: '37.0', unit: 'Cel' },
      ],
    },
    { encoding: 'utf8' },
  );
}

describe('nothing lost: journal entries are processed after a crash', () => {
  it('processes at start-up what was journaled but not yet processed when the app stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aipc-crash-'));
    dirs.push(dir);
    const pipes = new PipeTransportFactory();
    const devices = { factory: pipes, scanPorts: async () => ({ serial: [], usb: [], errors: [] }) };
    const first = await startTestWorkstation({ dir, devices });
    const admin = await setUpAdmin(first);
    const device = unwrap(await admin.api.devices.create({ name: 'Monitor', kind: 'vital_signs_monitor', protocol: 'hl7', transport: { type: 'tcp', listenPort: 2600, bindAddress: '127.0.0.1' } }));
    // What the link does before it acknowledges, without the processing that normally follows.
    const repo = new DeviceJournalRepository(first.workstation.database.db, first.workstation.database.raw);
    await repo.appendBatch([{ deviceId: device.id, protocol: 'hl7', receivedAt: '2026-03-02T08:15:00.000Z', raw: oru('CRASH-1'), dedupeKey: 'CRASH-1', messageId: 'CRASH-1' }]);
    expect(first.workstation.database.raw.prepare(`SELECT status FROM device_journal`).all()).toEqual([{ status: 'pending' }]);
    await first.close();

    const second = await startTestWorkstation({ dir, devices });
    try {
      const raw = second.workstation.database.raw;
      expect(raw.prepare(`SELECT status, reading_count FROM device_journal`).all()).toEqual([{ status: 'processed', reading_count: 2 }]);
      expect(raw.prepare(`SELECT code, value_text FROM device_readings ORDER BY code`).all()).toEqual([
        { code: '150344', value_text: '37.0' },
        { code: '150456', value_text: '97' },
      ]);
    } finally {
      await second.close();
    }
  });

  it('a message acknowledged just before the process is killed (SIGKILL) is there after restart, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aipc-kill-'));
    dirs.push(dir);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const start = () =>
      new Promise<{ child: ChildProcess; report: { journal: unknown[]; readings: unknown[] } }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/devices/support/crash-child.ts'], {
          env: { ...process.env, AIPC_CRASH_DIR: dir, AIPC_CRASH_PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        let out = '';
        let err = '';
        child.stdout!.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /READY (.*)\n/.exec(out);
          if (m) resolve({ child, report: JSON.parse(m[1]!) });
        });
        child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
        child.once('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
      });

    const { child } = await start();
    // The monitor sends and, the moment its ACK arrives, the workstation process dies.
    const ack = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(frameMllp(oru('KILL-1'))));
      socket.on('data', (b: Buffer) => {
        child.kill('SIGKILL');
        socket.destroy();
        resolve(b.toString('latin1'));
      });
      socket.on('error', reject);
    });
    expect(ack).toMatch(/MSA\|AA\|KILL-1/);
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));

    const { report } = await start();
    expect(report.journal).toEqual([{ messageId: 'KILL-1', status: 'processed' }]);
    expect(report.readings).toEqual([
      { code: '150344', value: '37.0' },
      { code: '150456', value: '97' },
    ]);
  }, 60_000);
});
