import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScaleSimulator } from '../../main/devices/scale/scale-simulator';
import { systemTimers } from '../../main/ports/timers';
import { openSerialPort, type SerialConnection } from '../../native/serial-port';
import { startSocatPair, stopSocatPairs, type SocatPair } from '../support/socat-pair';
import { serialChannel } from './support/serial-channel';
import { launchChromium, screenshot } from './support/browser';
import { DEMO, nav, signIn } from './support/demo-session';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

let app: HeadlessApp;
let browser: Browser;
let socat: SocatPair;
let scalePort: SerialConnection;
const stopSimulator = new AbortController();

beforeAll(async () => {
  socat = await startSocatPair();
  app = await startHeadlessApp(['--demo']);
  browser = await launchChromium();
  // A scale on the far end of the cable, weighing someone every 200 ms.
  scalePort = await openSerialPort({ path: socat.deviceSide, baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1, flowControl: 'none' });
  void createScaleSimulator({ seed: 5 }).run(serialChannel(scalePort), { timers: systemTimers, encoding: 'latin1', intervalMs: 200, signal: stopSimulator.signal });
}, 60_000);

afterAll(async () => {
  stopSimulator.abort();
  await scalePort?.close();
  await browser?.close();
  await app?.stop();
  await stopSocatPairs();
});

describe('device administration in Chromium', () => {
  let admin: Page;

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(15_000);
    admin = await context.newPage();
  });

  it('adds a scale on a serial port after testing the connection', async () => {
    await signIn(admin, app.url, DEMO.admin);
    await nav(admin, 'Devices');
    await admin.getByRole('button', { name: 'Add device' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Entrance scale');
    await admin.getByLabel('Protocol', { exact: true }).selectOption('scale');
    await admin.getByLabel('Kind', { exact: true }).selectOption('scale');
    await admin.getByLabel('Serial port path', { exact: true }).fill(socat.hostSide);
    await admin.getByLabel('Baud rate', { exact: true }).selectOption('2400');
    const location = admin.getByLabel('Location', { exact: true });
    const room = await location.locator('option', { hasText: 'Exam room 1' }).getAttribute('value');
    await location.selectOption(room!);

    await admin.getByLabel('Listen for', { exact: true }).selectOption({ index: 0 });
    await admin.getByRole('button', { name: 'Test connection' }).click();
    const result = admin.getByRole('region', { name: 'Connection test result' });
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/Port opened/);
    expect(await result.innerText()).toMatch(/[1-9]\d* messages? decoded/);
    await screenshot(admin, 'dev-admin-01-test-connection');

    await admin.getByRole('button', { name: 'Add device', exact: true }).last().click();
    const row = admin.getByRole('row', { name: /Entrance scale/ });
    await expect.poll(() => row.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/Receiving|Idle|Connected/);
    await screenshot(admin, 'dev-admin-02-listed');
  });

  it('shows the live raw traffic and the journal', async () => {
    await admin.getByRole('button', { name: 'Monitor Entrance scale' }).click();
    const dialog = admin.getByRole('dialog');
    await expect.poll(() => dialog.innerText(), { timeout: 10_000 }).toMatch(/ST,GS|US,GS/);
    await screenshot(admin, 'dev-admin-03-monitor');
    await admin.keyboard.press('Escape');

    await admin.getByRole('button', { name: 'Journal of Entrance scale' }).click();
    const view = admin.getByRole('button', { name: /View journal entry \d+/ }).first();
    await view.click();
    await expect.poll(() => admin.getByRole('dialog').innerText(), { timeout: 10_000 }).toMatch(/kg/);
    await screenshot(admin, 'dev-admin-04-journal-entry');
  });
});
