import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSettings } from '../../../common/domain/devices';
import { nativeDeviceAccess } from '../../../main/adapters/native-device-access';
import { createAstmSimulator, sampleLabResultRecords } from '../../../main/devices/astm/astm-driver';
import { createHl7Simulator, vitalSignsSample } from '../../../main/devices/hl7/hl7-driver';
import { createNoninSimulator, noninSession } from '../../../main/devices/nonin/nonin-simulator';
import { createScaleSimulator, scaleSession } from '../../../main/devices/scale/scale-simulator';
import { systemTimers } from '../../../main/ports/timers';
import { DeviceRig, openInstrument, serialLine, type Instrument } from '../../support/device-rig';
import { isSocatAvailable, startSocatPair, stopSocatPairs, type SocatPair } from '../../support/socat-pair';
import { unwrap } from '../../support/test-workstation';

/** The analyzer's local test codes and the LOINC codes the workstation maps them to. */
const LAB_LOINC: Readonly<Record<string, string>> = {
  GLU: '2345-7', NA: '2951-2', K: '2823-3', CREA: '2160-0', HGB: '718-7', WBC: '6690-2', CRP: '1988-5',
};

/** [code, value] of each result record, as the analyzer sent them. */
function labResults(records: readonly string[]): [string, string][] {
  return records.flatMap((r) => {
    const m = /^R\|\d+\|\^\^\^([^|]+)\|([^|]*)\|/.exec(r);
    return m ? [[m[1]!, m[2]!] as [string, string]] : [];
  });
}

/** The workstation's side of every test: one device on the host pty, configured by the admin. */
describe.skipIf(!isSocatAvailable())('device manager over the real serialport library and socat ptys', () => {
  let rig: DeviceRig;
  let pair: SocatPair;
  const instruments: Instrument[] = [];

  async function instrument(): Promise<Instrument> {
    const opened = await openInstrument(pair.deviceSide);
    instruments.push(opened);
    return opened;
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

  const journalSize = () => (rig.tw.workstation.database.raw.prepare('SELECT count(*) AS n FROM device_journal').get() as { n: number }).n;

  async function connectedDevice(settings: Pick<DeviceSettings, 'name' | 'kind' | 'protocol'> & Partial<DeviceSettings>): Promise<string> {
    const id = await rig.createDevice({ encoding: 'latin1', codeMap: {}, transport: serialLine(pair.hostSide), ...settings });
    await rig.waitForStatus(id, (s) => s.state === 'connected', 'the port to open');
    return id;
  }

  it('ASTM: every message of an analyzer is journaled once, acknowledged, and waits as lab readings', async () => {
    const id = await connectedDevice({ name: 'Chemistry analyzer', kind: 'lab_analyzer', protocol: 'astm', encoding: 'latin1' });
    const analyzer = await instrument();

    const report = await createAstmSimulator({ seed: 7 }).run(analyzer.channel, { messages: 3, timers: systemTimers, encoding: 'latin1' });

    expect(report).toEqual({ sent: 3, acknowledged: 3, failed: 0 });
    const rows = await rig.journalProcessed(id, 3);
    expect(rows.map((r) => r.message_id)).toEqual(['MSG7-0', 'MSG7-1', 'MSG7-2']);
    expect(new Set(rows.map((r) => Buffer.from(r.raw).toString('hex'))).size).toBe(3);
    expect(rig.states(id)).toEqual(['connecting', 'connected', 'receiving']);
    expect(rig.current(id)).toMatchObject({ state: 'receiving', messagesReceived: 3, framesRejected: 0, reason: null });

    const expected = [0, 1, 2].flatMap((index) => labResults(sampleLabResultRecords({ seed: 7, index, encoding: 'latin1' })));
    const pending = await rig.pending(id);
    expect(pending.map((r) => [r.code, r.value]).sort()).toEqual(expected.sort());
    for (const reading of pending) {
      expect(reading).toMatchObject({ loinc: LAB_LOINC[reading.code], deviceName: 'Chemistry analyzer', status: 'pending' });
    }
  });

  it('HL7 over serial: ORU messages are acknowledged after journaling and their vital signs wait for the nurse', async () => {
    const id = await connectedDevice({ name: 'Ward monitor', kind: 'vital_signs_monitor', protocol: 'hl7', encoding: 'utf8' });
    const monitor = await instrument();

    const report = await createHl7Simulator({ seed: 3 }).run(monitor.channel, { messages: 2, timers: systemTimers, encoding: 'utf8' });

    expect(report).toEqual({ sent: 2, acknowledged: 2, failed: 0 });
    const rows = await rig.journalProcessed(id, 2);
    expect(rows.map((r) => r.message_id)).toEqual(['SIM3-1', 'SIM3-2']);
    expect(rig.states(id)).toEqual(['connecting', 'connected', 'receiving']);

    // The second message's values replace the first's while both wait (same measurements).
    const latest = vitalSignsSample(3, 1);
    const byLoinc = new Map((await rig.pending(id)).map((r) => [r.loinc, r]));
    expect(byLoinc.get('59408-5')).toMatchObject({ value: latest.spo2, ucum: '%', valid: true });
    expect(byLoinc.get('8867-4')).toMatchObject({ value: latest.pulse, ucum: '/min' });
    expect(byLoinc.get('8480-6')).toMatchObject({ value: latest.systolic, ucum: 'mm[Hg]' });
    expect(byLoinc.get('8462-4')).toMatchObject({ value: latest.diastolic, ucum: 'mm[Hg]' });
    expect(byLoinc.get('8310-5')).toMatchObject({ value: latest.temperature, ucum: 'Cel' });
    expect(rig.readings(id).filter((r) => r.loinc === '8310-5').map((r) => r.value)).toEqual([vitalSignsSample(3, 0).temperature, latest.temperature]);
  });

  it('Nonin: each packet of the oximeter stream is journaled once and the latest SpO2 and pulse wait', async () => {
    const id = await connectedDevice({ name: 'Oximeter', kind: 'pulse_oximeter', protocol: 'nonin' });
    const oximeter = await instrument();

    const report = await createNoninSimulator({ seed: 5 }).run(oximeter.channel, { messages: 12, intervalMs: 15, timers: systemTimers, encoding: 'latin1' });

    expect(report).toEqual({ sent: 12, acknowledged: 12, failed: 0 });
    await rig.journalProcessed(id, 12);
    expect(rig.states(id)).toEqual(['connecting', 'connected', 'receiving']);
    expect(rig.current(id)).toMatchObject({ messagesReceived: 12, framesRejected: 0 });

    const next = noninSession({ seed: 5 });
    const sent = Array.from({ length: 12 }, () => next());
    const last = sent.at(-1)!;
    const byLoinc = new Map((await rig.pending(id)).map((r) => [r.loinc, r]));
    expect(byLoinc.get('59408-5')).toMatchObject({ value: String(last.spo2), ucum: '%', valid: true });
    expect(byLoinc.get('8867-4')).toMatchObject({ value: String(last.heartRate), ucum: '/min', valid: true });
    expect(rig.readings(id).filter((r) => r.loinc === '59408-5').map((r) => r.value)).toEqual(sent.map((v) => String(v.spo2)));
  });

  it('scale: each displayed line is journaled once; the settled weight waits, valid, at display precision', async () => {
    const id = await connectedDevice({ name: 'Body scale', kind: 'scale', protocol: 'scale' });
    const scale = await instrument();

    // Three empty lines, six while the person settles, three stable ones.
    const report = await createScaleSimulator({ seed: 2 }).run(scale.channel, { messages: 12, intervalMs: 15, timers: systemTimers, encoding: 'latin1' });

    expect(report.sent).toBe(12);
    await rig.journalProcessed(id, 12);
    expect(rig.states(id)).toEqual(['connecting', 'connected', 'receiving']);

    const next = scaleSession({ seed: 2 });
    const lines = Array.from({ length: 12 }, () => next());
    expect(lines.at(-1)!.header).toBe('ST');
    const weight = (await rig.pending(id)).find((r) => r.loinc === '29463-7');
    expect(weight).toMatchObject({ value: lines.at(-1)!.value, ucum: 'kg', valid: true });
    expect(weight!.value).toMatch(/^\d+\.\d{2}$/);
    // Unstable lines are kept as readings too, flagged so they can never be charted.
    expect(rig.readings(id).map((r) => r.value)).toEqual(lines.map((l) => l.value));
  });

  it('testing the connection of a device releases its port, counts what arrives, and hands the port back', async () => {
    const settings = { name: 'Oximeter', kind: 'pulse_oximeter', protocol: 'nonin', encoding: 'latin1', codeMap: {}, transport: serialLine(pair.hostSide) } as const;
    const id = await connectedDevice(settings);
    const oximeter = await instrument();
    const streaming = new AbortController();
    const run = createNoninSimulator({ seed: 9 }).run(oximeter.channel, { intervalMs: 30, signal: streaming.signal, timers: systemTimers, encoding: 'latin1' });
    const since = rig.mark(id);

    try {
      const result = unwrap(await rig.admin.api.devices.testConnection({ settings, deviceId: id, listenMs: 600 }));
      expect(result).toMatchObject({ opened: true, error: null, framesRejected: 0 });
      expect(result.bytesReceived).toBeGreaterThan(125);
      expect(result.messagesDecoded).toBeGreaterThanOrEqual(2);
      expect(result.sample[0]).toMatchObject({ direction: 'in' });

      // The device's own session stood aside for the test and took the port back afterwards.
      await rig.waitForStatus(id, (s) => s.state === 'disconnected', 'the session to pause', { since });
      await rig.waitForStatus(id, (s) => s.state === 'receiving', 'the session to resume', { since });
    } finally {
      streaming.abort();
      await run;
    }
  });

  it('testing a port nobody configured yet reports what an unknown instrument sends', async () => {
    const scale = await instrument();
    const journaled = journalSize();
    const streaming = new AbortController();
    const run = createScaleSimulator({ seed: 4 }).run(scale.channel, { intervalMs: 30, signal: streaming.signal, timers: systemTimers, encoding: 'latin1' });
    try {
      const result = unwrap(await rig.admin.api.devices.testConnection({
        settings: { name: 'New scale', kind: 'scale', protocol: 'scale', encoding: 'latin1', codeMap: {}, transport: serialLine(pair.hostSide) },
        listenMs: 500,
      }));
      expect(result).toMatchObject({ opened: true, error: null, framesRejected: 0 });
      expect(result.messagesDecoded).toBeGreaterThanOrEqual(5);
      expect(result.bytesReceived).toBeGreaterThanOrEqual(result.messagesDecoded * 18);
      // Nothing is journaled by a test.
      expect(journalSize()).toBe(journaled);
    } finally {
      streaming.abort();
      await run;
    }
  });
});
