import { describe, expect, it } from 'vitest';
import { astmDriver, createAstmSimulator } from '../../../../main/devices/astm/astm-driver';
import type { AstmSimulatorScenario } from '../../../../main/devices/astm/astm-simulator';
import { seededRandom } from '../../../../main/devices/astm/astm-sample-message';
import type { SimulatorReport } from '../../../../main/devices/driver';
import { ManualTimers } from '../../../../main/ports/timers';
import { type MessageEvent, duplexPipe, settle } from './astm-test-kit';

const STX = 0x02;
const ENQ = 0x05;
const EOT = 0x04;

/** Runs the simulator until it finishes, advancing manual time in steps while nothing else happens. */
async function drive(timers: ManualTimers, run: Promise<SimulatorReport>, stepMs = 500): Promise<SimulatorReport> {
  let report: SimulatorReport | null = null;
  void run.then((r) => { report = r; });
  for (let i = 0; i < 200_000 && report === null; i++) {
    await settle();
    if (report === null) timers.advance(stepMs);
  }
  if (report === null) throw new Error('simulator did not finish');
  return report;
}

function simulatorAgainstLink(scenario: AstmSimulatorScenario, messages: number, toB?: (c: Uint8Array) => Uint8Array) {
  const timers = new ManualTimers();
  const { a, b } = duplexPipe({ toB });
  const delivered: MessageEvent[] = [];
  const notices: string[] = [];
  const link = astmDriver.createLink({
    write: (bytes) => b.write(bytes),
    deliver: async (e) => { delivered.push(e); return { stored: true, duplicate: false }; },
    notice: (n) => { notices.push(n.kind === 'rejected' ? n.reason : n.kind); },
  }, { encoding: 'latin1', timers });
  b.onData((c) => link.receive(c));
  const run = createAstmSimulator(scenario).run(a, { messages, timers, encoding: 'latin1', intervalMs: 1000 });
  return { timers, run, delivered, notices };
}

describe('ASTM simulator (sender) against the link layer', () => {
  it('delivers every message once, with values that vary per message', async () => {
    const { timers, run, delivered } = simulatorAgainstLink({ seed: 42 }, 5);
    const report = await drive(timers, run);
    expect(report).toEqual({ sent: 5, acknowledged: 5, failed: 0 });
    expect(delivered).toHaveLength(5);
    expect(new Set(delivered.map((d) => d.message.messageId)).size).toBe(5);
    expect(new Set(delivered.map((d) => JSON.stringify(d.message.readings.map((r) => r.value)))).size).toBe(5);
    const m = delivered[0]!.message;
    expect(m.patientId).toMatch(/^PID\d{6}$/);
    expect(m.sampleId).toBe('S042000000');
    expect(m.readings.length).toBeGreaterThan(0);
    expect(m.readings.every((r) => r.unit !== '' && r.referenceRange !== null && r.observedAt !== null)).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    const first = simulatorAgainstLink({ seed: 7 }, 2);
    await drive(first.timers, first.run);
    const second = simulatorAgainstLink({ seed: 7 }, 2);
    await drive(second.timers, second.run);
    expect(second.delivered.map((d) => d.raw)).toEqual(first.delivered.map((d) => d.raw));
  });

  it('splits long records into ETB frames and can send everything in one frame', async () => {
    const long = { seed: 1, records: () => ['H|\\^&|LONG', `R|1|^^^GLU|90|mg/dL|${'r'.repeat(700)}`, 'L|1'] };
    const split = simulatorAgainstLink(long, 1);
    await drive(split.timers, split.run);
    expect(split.delivered[0]!.message.readings[0]!.referenceRange).toBe('r'.repeat(700));
    const single = simulatorAgainstLink({ seed: 1, singleFrame: true }, 2);
    expect(await drive(single.timers, single.run)).toEqual({ sent: 2, acknowledged: 2, failed: 0 });
  });

  it('gets every message through exactly once over a pipe that corrupts frames', async () => {
    const random = seededRandom(2024);
    let corrupted = 0;
    const lossy = (chunk: Uint8Array) => {
      if (chunk[0] === STX && random() < 0.25) {
        const at = Math.floor(random() * chunk.length);
        chunk[at] = chunk[at]! ^ (1 + Math.floor(random() * 255));
        corrupted++;
      }
      return chunk;
    };
    const { timers, run, delivered, notices } = simulatorAgainstLink({ seed: 3, maxMessageAttempts: 10 }, 8, lossy);
    const report = await drive(timers, run);
    expect(corrupted).toBeGreaterThan(5);
    expect(report).toEqual({ sent: 8, acknowledged: 8, failed: 0 });
    expect(delivered.map((d) => d.message.messageId)).toEqual(Array.from({ length: 8 }, (_, i) => `MSG3-${i}`));
    expect(notices.length).toBeGreaterThan(0);
  });

  it('aborts with EOT after six NAKs of the same frame', async () => {
    const timers = new ManualTimers();
    const { a, b } = duplexPipe();
    const seen: number[][] = [];
    b.onData((c) => {
      seen.push([...c]);
      if (c[0] === ENQ) b.write(Uint8Array.of(0x06));
      else if (c[0] === STX) b.write(Uint8Array.of(0x15));
    });
    const report = await drive(timers, createAstmSimulator({ maxMessageAttempts: 1 }).run(a, { messages: 1, timers, encoding: 'latin1' }));
    expect(report).toEqual({ sent: 1, acknowledged: 0, failed: 1 });
    expect(seen[0]).toEqual([ENQ]);
    const frames = seen.slice(1, -1);
    expect(frames).toHaveLength(6);
    expect(new Set(frames.map((f) => f.join(','))).size).toBe(1);
    expect(frames[0]![1]).toBe(0x31);
    expect(seen.at(-1)).toEqual([EOT]);
  });

  it('aborts with EOT when a frame gets no answer for 15 s, and retries ENQ after a NAK', async () => {
    const timers = new ManualTimers();
    const { a, b } = duplexPipe();
    const seen: { at: number; bytes: number[] }[] = [];
    let now = 0;
    let enqs = 0;
    b.onData((c) => {
      seen.push({ at: now, bytes: [...c] });
      if (c[0] === ENQ) b.write(Uint8Array.of(enqs++ === 0 ? 0x15 : 0x06));
    });
    const run = createAstmSimulator({ maxMessageAttempts: 1 }).run(a, { messages: 1, timers, encoding: 'latin1' });
    let report: SimulatorReport | null = null;
    void run.then((r) => { report = r; });
    while (report === null) { await settle(); timers.advance(1000); now += 1000; }
    expect(report).toEqual({ sent: 1, acknowledged: 0, failed: 1 });
    expect(seen.map((s) => s.bytes[0])).toEqual([ENQ, ENQ, STX, EOT]);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(10_000);
    expect(seen[3]!.at - seen[2]!.at).toBe(15_000);
  });

  it('stops when aborted', async () => {
    const timers = new ManualTimers();
    const { a } = duplexPipe();
    const controller = new AbortController();
    const run = createAstmSimulator().run(a, { timers, encoding: 'latin1', signal: controller.signal });
    await settle();
    controller.abort();
    expect(await run).toEqual({ sent: 1, acknowledged: 0, failed: 1 });
  });
});
