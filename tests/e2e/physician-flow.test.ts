import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorReport } from '../../main/devices/driver';
import { createAstmSimulator } from '../../main/devices/astm/astm-driver';
import { systemTimers } from '../../main/ports/timers';
import { openSerialPort, type SerialConnection } from '../../native/serial-port';
import { startSocatPair, stopSocatPairs, type SocatPair } from '../support/socat-pair';
import { serialChannel } from './support/serial-channel';
import { launchChromium, screenshot } from './support/browser';
import { callAs, clinicDayAtEight, DEMO, nav, signIn, valueOf } from './support/demo-session';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

/**
 * The scenario, end to end: a physician opens a checked-in patient, records vitals and a
 * note, orders a lab test and a medication (the allergy warning appears), the simulated analyzer's
 * result attaches to the lab order, the physician signs, exports the FHIR bundle; a front-desk
 * user cannot open the note, in the UI or through the API.
 */

const ROOM = 'Exam room 1';
const PATIENT = { givenName: 'Halvard', familyName: 'Brekke', dateOfBirth: '1966-09-14', sex: 'male' as const };
const SERIAL = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' } as const;
const GLUCOSE = 'Glucose [Mass/volume] in Serum or Plasma';
const LONG = 30_000;

let app: HeadlessApp;
let browser: Browser;
let socat: SocatPair;
let analyzerPort: SerialConnection | undefined;
let mrn = '';
const stopSimulators = new AbortController();

let clinicZone = 'Etc/GMT';

/** ASTM timestamp YYYYMMDDHHMMSS of now, in clinic-local time (ASTM times carry no zone). */
function astmNow(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: clinicZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}${part('month')}${part('day')}${part('hour')}${part('minute')}${part('second')}`;
}

/**
 * Setup through the API (not under test): the clinic day, an ASTM analyzer on a serial line (a
 * socat pty pair) in Exam room 1, and a walk-in for a new patient taken into that room.
 */
async function setUpRoomWithAnalyzer(page: Page): Promise<void> {
  const { zone, today, weekday } = clinicDayAtEight(Date.now());
  clinicZone = zone;
  const [, locations, providers, types, patient] = await callAs(page, DEMO.admin, [
    { method: 'schedule.setTimeZone', input: { timeZone: zone } },
    { method: 'clinic.listLocations', input: {} },
    { method: 'clinic.listProviders', input: {} },
    { method: 'schedule.listAppointmentTypes', input: {} },
    { method: 'patients.register', input: PATIENT },
  ]);
  const room = valueOf<{ id: string; name: string }[]>(locations).find((l) => l.name === ROOM)!;
  expect(room, `demo clinic has ${ROOM}`).toBeDefined();
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
  const [analyzer, walkIn] = await callAs(page, DEMO.admin, [
    {
      method: 'devices.create',
      input: { name: 'Chemistry analyzer', kind: 'lab_analyzer', protocol: 'astm', locationId: room.id, transport: { type: 'serial', path: socat.hostSide, ...SERIAL } },
    },
    { method: 'schedule.walkIn', input: { patientId: registered.id, providerId: provider.id, typeId: type.id } },
  ]);
  valueOf(analyzer);
  const appointment = valueOf<{ id: string }>(walkIn);
  valueOf((await callAs(page, DEMO.admin, [{ method: 'queue.moveToRoom', input: { appointmentId: appointment.id, locationId: room.id } }]))[0]);
}

/** The analyzer sends one E1394 message over E1381 (ENQ, framed records, EOT) for the given sample. */
async function analyzerSendsGlucose(accession: string): Promise<SimulatorReport> {
  analyzerPort ??= await openSerialPort({ path: socat.deviceSide, ...SERIAL });
  const when = astmNow();
  const records = [
    `H|\\^&|MSG-E2E-1||SimLab 9000^2.1^SN-4711|||||LIS||P|LIS2-A2|${when}`,
    `P|1||${mrn}||${PATIENT.familyName}^${PATIENT.givenName}`,
    `O|1|${accession}||^^^GLU|R|${when}|||||N||||Serum`,
    `R|1|^^^GLU|182|mg/dL|70 to 99|H||F||||${when}`,
    'L|1|N',
  ];
  return createAstmSimulator({ records: () => records, enqRetryDelayMs: 1_000, messageRetryDelayMs: 1_000 }).run(serialChannel(analyzerPort), {
    timers: systemTimers,
    encoding: 'latin1',
    messages: 1,
    signal: stopSimulators.signal,
  });
}

beforeAll(async () => {
  socat = await startSocatPair();
  app = await startHeadlessApp(['--demo']);
  browser = await launchChromium();
  const setup = await browser.newPage();
  await setup.goto(app.url);
  await setup.getByLabel('Username', { exact: true }).waitFor();
  await setUpRoomWithAnalyzer(setup);
  await setup.close();
}, 120_000);

afterAll(async () => {
  stopSimulators.abort();
  await analyzerPort?.close();
  await browser?.close();
  await app?.stop();
  await stopSocatPairs();
});

describe('physician flow in Chromium: vitals, note, allergy, orders, analyzer result, FHIR export; front desk kept out', () => {
  let physician: Page;
  let desk: Page;
  let encounterUrl = '';
  let encounterId = '';
  let accession = '';

  beforeAll(async () => {
    const physicianContext = await browser.newContext({ viewport: { width: 1280, height: 1200 }, acceptDownloads: true });
    physicianContext.setDefaultTimeout(LONG);
    physician = await physicianContext.newPage();
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    deskContext.setDefaultTimeout(LONG);
    desk = await deskContext.newPage();
  });

  it('the physician opens the checked-in patient’s encounter', async () => {
    await signIn(physician, app.url, DEMO.physician);
    await nav(physician, 'Encounters');
    await physician.getByRole('link', { name: new RegExp(PATIENT.familyName) }).first().click();
    await physician.getByRole('heading', { name: 'Live readings' }).waitFor();
    await physician.getByRole('region', { name: 'Notes' }).waitFor();
    encounterUrl = physician.url();
    encounterId = /#\/encounters\/([^/?#]+)/.exec(encounterUrl)?.[1] ?? '';
    expect(encounterId).not.toBe('');
  });

  it('records vitals by hand', async () => {
    const form = physician.getByRole('form', { name: 'Record vitals' });
    await form.getByLabel('Temperature', { exact: true }).fill('37.4');
    await form.getByLabel('Systolic (mmHg)').fill('138');
    await form.getByLabel('Diastolic (mmHg)').fill('86');
    await form.getByRole('button', { name: 'Save vitals' }).click();
    await form.getByRole('status').filter({ hasText: 'Recorded 3 measurements.' }).waitFor();
    const vitals = physician.locator('section', { has: physician.getByRole('heading', { name: 'Vitals', exact: true }) });
    await expect
      .poll(async () => (await vitals.getByRole('row').allInnerTexts()).some((r) => /Body temperature/.test(r) && /37\.4 Cel/.test(r)), { timeout: LONG })
      .toBe(true);
    await screenshot(physician, 'phys-01-vitals');
  });

  it('writes and signs a note', async () => {
    const notes = physician.getByRole('region', { name: 'Notes' });
    await notes.getByRole('button', { name: 'New note' }).click();
    const draft = physician.getByRole('form', { name: 'Draft note' });
    await draft.getByLabel('Subjective').fill('Thirst and polyuria for three weeks.');
    await draft.getByLabel('Assessment').fill('Suspected type 2 diabetes mellitus');
    await draft.getByLabel('Plan').fill('Fasting glucose; amoxicillin for the sinusitis');
    await draft.getByRole('button', { name: 'Sign' }).click();
    const signed = notes.getByRole('article').filter({ hasText: 'Suspected type 2 diabetes mellitus' });
    await signed.getByText('Signed', { exact: true }).waitFor();
    await screenshot(physician, 'phys-02-note-signed');
  });

  it('records an allergy to penicillin', async () => {
    const allergies = physician.getByRole('region', { name: 'Allergies' });
    await allergies.getByRole('button', { name: 'Add allergy' }).click();
    const form = physician.getByRole('form', { name: 'Record an allergy' });
    await form.getByLabel('Allergen', { exact: true }).fill('Penicillin');
    await form.getByLabel('Kind').selectOption({ label: 'Drug' });
    await form.getByLabel('Reaction', { exact: true }).fill('Urticaria');
    await form.getByLabel('Severity').selectOption({ label: 'Severe' });
    await form.getByRole('button', { name: 'Record allergy' }).click();
    await expect
      .poll(async () => (await allergies.getByRole('row').allInnerTexts()).some((r) => /Penicillin/.test(r) && /Severe/.test(r) && /Active/.test(r)), { timeout: LONG })
      .toBe(true);
  });

  it('drafts amoxicillin: the allergy warning appears; signing needs an override reason', async () => {
    const orders = physician.getByRole('region', { name: 'Orders' });
    await orders.getByRole('button', { name: 'New medication order' }).click();
    const form = physician.getByRole('form', { name: 'Draft a medication order' });
    await form.getByLabel('Drug', { exact: true }).fill('Amoxicillin');
    const warning = form.getByRole('alert').filter({ hasText: 'Allergy warning' });
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/penicillin/i);
    await form.getByLabel('Dose', { exact: true }).fill('500');
    await form.getByLabel('Frequency').selectOption({ index: 0 });
    await form.getByLabel('Duration (days)').fill('7');
    await form.getByLabel('Quantity').fill('21');
    await screenshot(physician, 'phys-03-allergy-warning');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await orders.getByRole('status').filter({ hasText: /Draft saved: Amoxicillin/ }).waitFor();

    await orders.getByRole('button', { name: /^Sign Amoxicillin/ }).click();
    const override = physician.getByRole('form', { name: /^Sign Amoxicillin.* despite an allergy$/ });
    await override.getByRole('alert').filter({ hasText: 'Allergy warning' }).waitFor();
    await override.getByLabel('Reason for overriding the allergy warning').fill('Tolerated amoxicillin in 2021 without reaction');
    await override.getByRole('button', { name: 'Sign with override' }).click();
    await orders.getByRole('status').filter({ hasText: /Signed with allergy override: Amoxicillin/ }).waitFor();
    const row = orders.getByRole('row').filter({ hasText: /Amoxicillin/ }).first();
    await expect.poll(() => row.innerText(), { timeout: LONG }).toMatch(/Allergy override: Tolerated amoxicillin/);
  });

  it('drafts a glucose lab order, reads its accession number, signs it', async () => {
    const orders = physician.getByRole('region', { name: 'Orders' });
    await orders.getByRole('button', { name: 'New lab order' }).click();
    const form = physician.getByRole('form', { name: 'Draft a lab order' });
    await form.getByLabel('Test').selectOption('2345-7');
    await form.getByRole('button', { name: 'Save draft' }).click();
    const notice = orders.getByRole('status').filter({ hasText: /Draft saved: Glucose.*accession number/ });
    await notice.waitFor();
    accession = /accession number (\S+)/.exec(await notice.innerText())?.[1] ?? '';
    expect(accession).toMatch(/^ACC-\d{8}-\d{4,}$/);
    // The orders list shows the same number.
    const labRow = orders.getByRole('row').filter({ hasText: `Accession ${accession}` });
    await labRow.waitFor();

    await orders.getByRole('button', { name: /^Sign Glucose/ }).click();
    await orders.getByRole('status').filter({ hasText: /^Signed: Glucose/ }).waitFor();
    await expect.poll(() => labRow.innerText(), { timeout: LONG }).toMatch(/Signed by/);
    await screenshot(physician, 'phys-04-orders-signed');
  });

  it('the analyzer’s result for that accession appears in Live readings; accepted, it attaches to the lab order with range and flag', async () => {
    const report = await analyzerSendsGlucose(accession);
    expect(report).toMatchObject({ sent: 1, acknowledged: 1, failed: 0 });

    const live = physician.getByRole('region', { name: 'Live readings' });
    const reading = live.getByRole('row').filter({ hasText: /Glucose/ }).filter({ hasText: '182' });
    await reading.waitFor({ timeout: 45_000 });
    expect(await reading.innerText()).toMatch(/Range 70 to 99/);
    await screenshot(physician, 'phys-05-analyzer-reading');
    await reading.getByRole('button', { name: 'Accept', exact: true }).click();
    await live.getByRole('status').filter({ hasText: /Charted Glucose.* 182/ }).waitFor();

    const results = physician.getByRole('region', { name: 'Orders' }).getByRole('table', { name: `Results of ${GLUCOSE}` });
    await results.waitFor({ timeout: LONG });
    const resultRow = results.getByRole('row').filter({ hasText: '182' });
    await expect.poll(() => resultRow.innerText(), { timeout: LONG }).toMatch(/182 mg\/dL/);
    const text = await resultRow.innerText();
    expect(text).toMatch(/70 to 99/);
    expect(text).toMatch(/high/i);
    await screenshot(physician, 'phys-06-lab-result-on-order');
  });

  it('exports the FHIR bundle from the patient record, with the orders, the report and the observations', async () => {
    await physician.getByRole('link', { name: 'Patient record' }).first().click();
    const exportButton = physician.getByRole('button', { name: 'Export FHIR bundle' });
    await exportButton.waitFor();
    const [download] = await Promise.all([physician.waitForEvent('download', { timeout: LONG }), exportButton.click()]);
    expect(download.suggestedFilename()).toBe(`${mrn}-fhir-bundle.json`);
    const text = await readFile((await download.path())!, 'utf8');
    const bundle = JSON.parse(text) as { resourceType: string; entry: { fullUrl?: string; resource: Record<string, unknown> & { resourceType: string; id?: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    const ofType = (t: string) => bundle.entry.filter((e) => e.resource.resourceType === t);
    const reference = (e: (typeof bundle.entry)[number]) => e.fullUrl ?? `${e.resource.resourceType}/${e.resource.id}`;

    const medication = ofType('MedicationRequest').filter((e) => /Amoxicillin/i.test(JSON.stringify(e.resource)));
    expect(medication).toHaveLength(1);
    const service = ofType('ServiceRequest').filter((e) => JSON.stringify(e.resource).includes(accession));
    expect(service).toHaveLength(1);
    expect(JSON.stringify(service[0]!.resource)).toContain('2345-7');
    const glucose = ofType('Observation').filter((e) => JSON.stringify(e.resource).includes('2345-7'));
    expect(glucose).toHaveLength(1);
    expect(JSON.stringify(glucose[0]!.resource)).toContain('182');
    // The report is based on the lab order and holds the analyzer's result.
    const report = ofType('DiagnosticReport').map((e) => e.resource as { basedOn?: { reference: string }[]; result?: { reference: string }[] });
    expect(report).toHaveLength(1);
    expect(report[0]!.basedOn?.map((r) => r.reference)).toContain(reference(service[0]!));
    expect(report[0]!.result?.map((r) => r.reference)).toContain(reference(glucose[0]!));
    expect(ofType('AllergyIntolerance').length).toBeGreaterThanOrEqual(1);
    await physician.getByRole('status').filter({ hasText: /Exported \d+ FHIR resources/ }).waitFor();
    await screenshot(physician, 'phys-07-fhir-exported');
  });

  it('the front desk has no Encounters item, and the encounter URL shows no note but the no-access page', async () => {
    await signIn(desk, app.url, DEMO.desk);
    const mainNav = desk.getByRole('navigation', { name: 'Main' });
    await mainNav.getByRole('link').first().waitFor();
    expect(await mainNav.getByRole('link', { name: 'Encounters', exact: true }).count()).toBe(0);

    await desk.goto(encounterUrl);
    await desk.getByRole('heading', { name: 'No access' }).waitFor();
    await desk.getByRole('alert').filter({ hasText: "You don't have access to this page" }).waitFor();
    expect(await desk.getByRole('region', { name: 'Notes' }).count()).toBe(0);
    expect(await desk.getByText('Suspected type 2 diabetes mellitus').count()).toBe(0);
    await screenshot(desk, 'phys-08-front-desk-no-access');
  });

  it('the front desk’s notes.list call through the API is FORBIDDEN', async () => {
    const [list] = await callAs(desk, DEMO.desk, [{ method: 'notes.list', input: { encounterId } }]);
    expect(list?.ok).toBe(false);
    expect(list?.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify(list)).not.toContain('Suspected type 2 diabetes mellitus');
  });
});
