import { connect, type Socket } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByteChannel } from '../../main/devices/driver';
import { createHl7Simulator } from '../../main/devices/hl7/hl7-driver';
import { createNoninSimulator } from '../../main/devices/nonin/nonin-simulator';
import { systemClock } from '../../main/ports/clock';
import { systemTimers } from '../../main/ports/timers';
import { openSerialPort, type SerialConnection } from '../../native/serial-port';
import { startSocatPair, stopSocatPairs, type SocatPair } from '../support/socat-pair';
import { serialChannel } from './support/serial-channel';
import { launchChromium, screenshot } from './support/browser';
import { callAs, clinicDayAtEight, DEMO, nav, signIn, valueOf } from './support/demo-session';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

const ROOM = 'Exam room 2';
const PATIENT = { givenName: 'Ingrid', familyName: 'Halvorsen', dateOfBirth: '1961-05-23', sex: 'female' as const };

let app: HeadlessApp;
let browser: Browser;
let socat: SocatPair;
let oximeterPort: SerialConnection;
let monitorSocket: Socket;
let mrn = '';
const stopSimulators = new AbortController();

function socketChannel(socket: Socket): ByteChannel {
  return {
    write: (bytes) => void socket.write(bytes),
    onData: (l) => {
      socket.on('data', l);
      return () => socket.off('data', l);
    },
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Setup through the API (not under test): the clinic day, two devices in Exam room 2 — a Nonin
 * oximeter on a serial line (a socat pty pair) and a vital-signs monitor sending HL7 over MLLP/TCP
 * (its blood pressure) — and a walk-in patient taken into that room.
 */
async function setUpRoomWithDevices(page: Page, monitorPort: number): Promise<void> {
  const { zone, today, weekday } = clinicDayAtEight(Date.now());
  const [, locations, providers, types, patient] = await callAs(page, DEMO.admin, [
    { method: 'schedule.setTimeZone', input: { timeZone: zone } },
    { method: 'clinic.listLocations', input: {} },
    { method: 'clinic.listProviders', input: {} },
    { method: 'schedule.listAppointmentTypes', input: {} },
    { method: 'patients.register', input: PATIENT },
  ]);
  const room = valueOf<{ id: string; name: string }[]>(locations).find((l) => l.name === ROOM)!;
  const provider = valueOf<{ id: string }[]>(providers)[0]!;
  const type = valueOf<{ id: string; active: boolean }[]>(types).find((t) => t.active)!;
  const registered = valueOf<{ id: string; mrn: string }>(patient);
  mrn = registered.mrn;
  if (weekday >= 6) {
    valueOf(
      (await callAs(page, DEMO.admin, [
        { method: 'schedule.addWorkingHours', input: { providerId: provider.id, weekday, startTime: '08:00', endTime: '17:00', kind: 'work', validFrom: today, validTo: today } },
      ]))[0],
    );
  }
  const [oximeter, monitor, walkIn] = await callAs(page, DEMO.admin, [
    {
      method: 'devices.create',
      input: {
        name: 'Pulse oximeter', kind: 'pulse_oximeter', protocol: 'nonin', locationId: room.id,
        transport: { type: 'serial', path: socat.hostSide, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
      },
    },
    {
      method: 'devices.create',
      input: { name: 'Vitals monitor', kind: 'vital_signs_monitor', protocol: 'hl7', locationId: room.id, transport: { type: 'tcp', listenPort: monitorPort, bindAddress: '127.0.0.1' } },
    },
    { method: 'schedule.walkIn', input: { patientId: registered.id, providerId: provider.id, typeId: type.id } },
  ]);
  valueOf(oximeter);
  valueOf(monitor);
  const appointment = valueOf<{ id: string }>(walkIn);
  valueOf((await callAs(page, DEMO.admin, [{ method: 'queue.moveToRoom', input: { appointmentId: appointment.id, locationId: room.id } }]))[0]);
}

async function startDevices(monitorPort: number): Promise<void> {
  oximeterPort = await openSerialPort({ path: socat.deviceSide, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' });
  void createNoninSimulator({ seed: 7 }).run(serialChannel(oximeterPort), { timers: systemTimers, encoding: 'latin1', signal: stopSimulators.signal });
  // The workstation listens; the monitor connects (retrying until the listener is up).
  for (let attempt = 0; ; attempt++) {
    try {
      monitorSocket = await new Promise<Socket>((resolve, reject) => {
        const s = connect(monitorPort, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  void createHl7Simulator({ seed: 3, patientId: mrn, clock: systemClock }).run(socketChannel(monitorSocket), {
    timers: systemTimers, encoding: 'utf8', intervalMs: 1000, signal: stopSimulators.signal,
  });
}

beforeAll(async () => {
  socat = await startSocatPair();
  app = await startHeadlessApp(['--demo']);
  browser = await launchChromium();
  const setup = await browser.newPage();
  await setup.goto(app.url);
  await setup.getByLabel('Username', { exact: true }).waitFor();
  const monitorPort = await freePort();
  await setUpRoomWithDevices(setup, monitorPort);
  await setup.close();
  await startDevices(monitorPort);
}, 90_000);

afterAll(async () => {
  stopSimulators.abort();
  monitorSocket?.destroy();
  await oximeterPort?.close();
  await browser?.close();
  await app?.stop();
  await stopSocatPairs();
});

describe('device capture end to end (oximeter and monitor streaming into an encounter in Chromium)', () => {
  let nurse: Page;

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    context.setDefaultTimeout(15_000);
    nurse = await context.newPage();
  });

  it('shows the devices in the room and their live values in the encounter', async () => {
    await signIn(nurse, app.url, DEMO.nurse);
    await nav(nurse, 'Encounters');
    await nurse.getByRole('link', { name: new RegExp(`${PATIENT.familyName}`) }).first().click();
    await nurse.getByRole('heading', { name: 'Live readings' }).waitFor();

    const devices = nurse.getByRole('region', { name: 'Devices here' }).or(nurse.locator('section', { has: nurse.getByRole('heading', { name: 'Devices here' }) }));
    await expect.poll(async () => devices.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toEqual(
      expect.arrayContaining([expect.stringMatching(/Receiving|Idle|Connected/), expect.stringMatching(/Receiving|Idle|Connected/)]),
    );

    const live = nurse.locator('[data-reading-id]');
    await nurse.locator('[data-loinc="59408-5"]').first().waitFor();
    await nurse.locator('[data-loinc="8480-6"]').first().waitFor();
    const spo2 = await nurse.locator('[data-loinc="59408-5"]').first().innerText();
    expect(spo2).toMatch(/\d{2,3}\s*%/);
    // Rows come and go as newer values supersede older ones: wait for both devices' rows.
    await expect.poll(() => live.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await screenshot(nurse, 'dev-01-live-readings');
  });

  it('the nurse accepts the readings and they appear in the patient’s vitals', async () => {
    await nurse.getByRole('button', { name: 'Accept all valid' }).click();
    await nurse.getByRole('status').filter({ hasText: /Charted \d+ readings/ }).waitFor();
    const vitals = nurse.locator('section', { has: nurse.getByRole('heading', { name: 'Vitals' }) });
    const rows = () => vitals.getByRole('row').allInnerTexts();
    await expect.poll(async () => (await rows()).some((r) => /Oxygen saturation/.test(r) && /Pulse oximeter/.test(r)), { timeout: 10_000 }).toBe(true);
    expect((await rows()).some((r) => /Systolic blood pressure/.test(r) && /\d+ mm\[Hg\]/.test(r) && /Vitals monitor/.test(r))).toBe(true);
    await screenshot(nurse, 'dev-02-accepted-into-vitals');
  });
});
