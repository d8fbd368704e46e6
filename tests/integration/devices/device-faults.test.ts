import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nativeDeviceAccess } from '../../../main/adapters/native-device-access';
import { ACK, ENQ } from '../../../main/devices/astm/astm-control';
import { createAstmSimulator, encodeAstmFrames, sampleLabResultRecords } from '../../../main/devices/astm/astm-driver';
import { GARBAGE_THRESHOLD } from '../../../main/devices/device-session';
import { createNoninSimulator } from '../../../main/devices/nonin/nonin-simulator';
import { createScaleSimulator } from '../../../main/devices/scale/scale-simulator';
import { systemTimers } from '../../../main/ports/timers';
import { DeviceRig, noise, openInstrument, serialLine, until, type Instrument } from '../../support/device-rig';
import { misclockedChannel } from '../../support/misclocked-uart';
import { isSocatAvailable, startSocatPair, stopSocatPairs, type SocatPair } from '../../support/socat-pair';
import { unwrap } from '../../support/test-workstation';

const UNDECODABLE = /^receiving data that cannot be decoded \(\d+ bad frames in a row\): check baud rate, parity, data bits and the protocol$/;
/** Backoff starts at 1 s ±20% and doubles; a second failed attempt still fits well inside this. */
const RECONNECT_WITHIN_MS = 8_000;

/** Waits until nothing has arrived at the instrument for `quietMs` (answers to earlier bytes are in). */
async function settled(instrument: Instrument, quietMs = 150): Promise<void> {
  let seen = -1;
  let since = Date.now();
  await until(() => {
    if (instrument.received.length !== seen) {
      seen = instrument.received.length;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  }, 'the line to go quiet');
}

describe.skipIf(!isSocatAvailable())('device faults over socat ptys: a clear status, then recovery', () => {
  let rig: DeviceRig;
  let pair: SocatPair;
  const instruments: Instrument[] = [];

  async function instrument(): Promise<Instrument> {
    const opened = await openInstrument(pair.deviceSide);
    instruments.push(opened);
    return opened;
  }

  async function connectedDevice(protocol: 'astm' | 'nonin'): Promise<string> {
    const id = protocol === 'astm'
      ? await rig.createDevice({ name: 'Chemistry analyzer', kind: 'lab_analyzer', protocol, encoding: 'latin1', codeMap: {}, transport: serialLine(pair.hostSide) })
      : await rig.createDevice({ name: 'Oximeter', kind: 'pulse_oximeter', protocol, encoding: 'latin1', codeMap: {}, transport: serialLine(pair.hostSide) });
    await rig.waitForStatus(id, (s) => s.state === 'connected', 'the port to open');
    return id;
  }

  /** Bytes the workstation has read from the device so far, per its raw monitor. */
  async function bytesIn(id: string): Promise<number> {
    const { recent } = unwrap(await rig.admin.api.devices.monitor({ id, enabled: false }));
    return recent.filter((c) => c.direction === 'in').reduce((n, c) => n + c.hex.split(' ').length, 0);
  }

  beforeAll(async () => {
    rig = await DeviceRig.start(nativeDeviceAccess());
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(async () => {
    pair = await startSocatPair();
  });

  afterEach(async () => {
    await rig.disableDevices();
    await Promise.all(instruments.splice(0).map((i) => i.close().catch(() => undefined)));
    await stopSocatPairs();
  });

  it('the port vanishing mid-message shows "disconnected", drops the half message and reconnects by itself', async () => {
    const id = await connectedDevice('astm');
    const analyzer = await instrument();
    analyzer.channel.write(Uint8Array.of(ENQ));
    await until(() => analyzer.received.includes(ACK), 'the ACK of the ENQ');
    const firstFrame = encodeAstmFrames(sampleLabResultRecords({ seed: 99, index: 0, encoding: 'latin1' }), { encoding: 'latin1' })[0]!;
    const half = firstFrame.subarray(0, Math.floor(firstFrame.length / 2));
    analyzer.channel.write(half);
    await until(async () => (await bytesIn(id)) === 1 + half.length, 'the half frame at the workstation');
    const since = rig.mark(id);

    await pair.stop();

    const lost = await rig.waitForStatus(id, (s) => s.state === 'error', 'the error status', { since });
    expect(lost).toMatchObject({ reason: `${pair.hostSide} disconnected`, reconnectAttempt: 1 });
    expect(lost.nextRetryAt).not.toBeNull();

    await pair.restart();
    await rig.waitForStatus(id, (s) => s.state === 'connected', 'the session to reconnect', { since, timeoutMs: RECONNECT_WITHIN_MS });
    expect(rig.current(id)).toMatchObject({ reconnectAttempt: 0, nextRetryAt: null });

    const replugged = await instrument();
    const report = await createAstmSimulator({ seed: 1 }).run(replugged.channel, { messages: 1, timers: systemTimers, encoding: 'latin1' });
    expect(report).toEqual({ sent: 1, acknowledged: 1, failed: 0 });
    const rows = await rig.journalProcessed(id, 1);
    expect(rows.map((r) => r.message_id)).toEqual(['MSG1-0']);
    expect(rig.current(id)).toMatchObject({ state: 'receiving', reason: null, messagesReceived: 1 });
  });

  it('a port that is missing at start is reported as not found and opened once it appears', async () => {
    await pair.stop();
    const id = await rig.createDevice({ name: 'Chemistry analyzer', kind: 'lab_analyzer', protocol: 'astm', encoding: 'latin1', codeMap: {}, transport: serialLine(pair.hostSide) });
    const missing = await rig.waitForStatus(id, (s) => s.state === 'error', 'the error status');
    expect(missing).toMatchObject({ reason: `${pair.hostSide} not found`, reconnectAttempt: 1 });

    await pair.restart();
    await rig.waitForStatus(id, (s) => s.state === 'connected', 'the port to open', { timeoutMs: RECONNECT_WITHIN_MS });
    const analyzer = await instrument();
    const report = await createAstmSimulator({ seed: 2 }).run(analyzer.channel, { messages: 1, timers: systemTimers, encoding: 'latin1' });
    expect(report.acknowledged).toBe(1);
    await rig.journalProcessed(id, 1);
  });

  it('garbage on the line turns the status to "cannot be decoded"; valid traffic brings it back to receiving', async () => {
    const id = await connectedDevice('astm');
    const analyzer = await instrument();
    const since = rig.mark(id);

    analyzer.channel.write(noise(4096, 0x5eed));

    const garbled = await rig.waitForStatus(id, (s) => s.state === 'error', 'the error status', { since });
    expect(garbled.reason).toMatch(UNDECODABLE);
    expect(garbled.framesRejected).toBeGreaterThanOrEqual(GARBAGE_THRESHOLD);
    expect(garbled).toMatchObject({ messagesReceived: 0, reconnectAttempt: 0 });
    expect(rig.journal(id)).toEqual([]);
    // The line is still open: the port is fine, what arrives on it is not.
    await settled(analyzer);
    expect(rig.current(id).state).toBe('error');

    const report = await createAstmSimulator({ seed: 3 }).run(analyzer.channel, { messages: 2, timers: systemTimers, encoding: 'latin1' });

    expect(report).toEqual({ sent: 2, acknowledged: 2, failed: 0 });
    expect((await rig.journalProcessed(id, 2)).map((r) => r.message_id)).toEqual(['MSG3-0', 'MSG3-1']);
    expect(rig.current(id)).toMatchObject({ state: 'receiving', reason: null, messagesReceived: 2 });
  });

  it('a device on the wrong baud rate is reported as such; with the right rate its packets come through', async () => {
    // The oximeter sends at 2400 baud; the device entry (and so the port) says 9600.
    const id = await connectedDevice('nonin');
    const oximeter = await instrument();
    const since = rig.mark(id);

    const wrong = await createNoninSimulator({ seed: 6 }).run(misclockedChannel(oximeter.channel, { deviceBaud: 2400, portBaud: 9600 }), {
      messages: 40, intervalMs: 5, timers: systemTimers, encoding: 'latin1',
    });

    expect(wrong.sent).toBe(40);
    const garbled = await rig.waitForStatus(id, (s) => s.state === 'error', 'the error status', { since });
    expect(garbled.reason).toMatch(UNDECODABLE);
    expect(garbled.reason).toContain('check baud rate');
    expect(garbled.messagesReceived).toBe(0);
    expect(rig.journal(id)).toEqual([]);

    // The technician sets the oximeter to 9600.
    const right = await createNoninSimulator({ seed: 6 }).run(oximeter.channel, { messages: 6, intervalMs: 15, timers: systemTimers, encoding: 'latin1' });

    expect(right.sent).toBe(6);
    await rig.journalProcessed(id, 6);
    expect(rig.current(id)).toMatchObject({ state: 'receiving', reason: null, messagesReceived: 6 });
    const pending = await rig.pending(id);
    expect(pending.map((r) => r.loinc).sort()).toEqual(['59408-5', '8867-4']);
  });
  it('a text protocol on the wrong baud rate (a scale) is reported as line noise naming the baud rate, and recovers', async () => {
    const id = await rig.createDevice({ name: 'Scale', kind: 'scale', protocol: 'scale', encoding: 'latin1', codeMap: {}, transport: serialLine(pair.hostSide) });
    await rig.waitForStatus(id, (s) => s.state === 'connected', 'the port to open');
    const scale = await instrument();
    const since = rig.mark(id);
    // Scale lines carry no checksum and garbled bytes hold no line ends: nothing to reject, only noise.
    await createScaleSimulator({ seed: 4 }).run(misclockedChannel(scale.channel, { deviceBaud: 2400, portBaud: 9600 }), {
      messages: 12, intervalMs: 5, timers: systemTimers, encoding: 'latin1',
    });
    const garbled = await rig.waitForStatus(id, (s) => s.state === 'error', 'the error status', { since });
    expect(garbled.reason).toMatch(/^receiving unreadable bytes \(\d+ since the last message look like line noise\): check baud rate, parity and data bits$/);
    expect(rig.journal(id)).toEqual([]);

    // The first good line still has garbage in front of it in the line buffer and is rejected.
    await createScaleSimulator({ seed: 4 }).run(scale.channel, { messages: 8, intervalMs: 10, timers: systemTimers, encoding: 'latin1' });
    await rig.journalProcessed(id, 6);
    expect(rig.current(id)).toMatchObject({ state: 'receiving', reason: null });
  });
});
