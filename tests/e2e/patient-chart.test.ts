import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { checkInWalkIn, DEMO, nav, signIn } from './support/demo-session';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

const PATIENT = { givenName: 'Sigrun', familyName: 'Aasland', dateOfBirth: '1958-04-17', sex: 'female' as const };

let app: HeadlessApp;
let browser: Browser;


beforeAll(async () => {
  app = await startHeadlessApp(['--demo']);
  browser = await launchChromium();
  const setup = await browser.newPage();
  await setup.goto(app.url);
  await setup.getByLabel('Username', { exact: true }).waitFor();
  await checkInWalkIn(setup, PATIENT);
  await setup.close();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('patient chart in Chromium: a nurse records vitals, the flowsheet and trend charts show them', () => {
  let nurse: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1200 } });
    context.setDefaultTimeout(15_000);
    nurse = await context.newPage();
    nurse.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  it('records two sets of vitals on the encounter', async () => {
    await signIn(nurse, app.url, DEMO.nurse);
    await nav(nurse, 'Encounters');
    await nurse.getByRole('link', { name: new RegExp(PATIENT.familyName) }).first().click();
    const form = nurse.getByRole('form', { name: 'Record vitals' });
    for (const [temperature, systolic, diastolic] of [['37.0', '124', '78'], ['38.2', '131', '84']] as const) {
      await form.getByLabel('Temperature', { exact: true }).fill(temperature);
      await form.getByLabel('Systolic (mmHg)').fill(systolic);
      await form.getByLabel('Diastolic (mmHg)').fill(diastolic);
      await form.getByRole('button', { name: 'Save vitals' }).click();
      await form.getByRole('status').filter({ hasText: 'Recorded 3 measurements.' }).waitFor();
      // The next set is taken at a later moment (the form stamps the time of saving).
      await nurse.waitForTimeout(1100);
    }
  });

  it('opens the chart from the encounter: summary, flowsheet values as measured, and an SVG trend per measure', async () => {
    await nurse.getByRole('link', { name: 'Chart', exact: true }).click();
    await nurse.getByRole('heading', { name: 'Flowsheet' }).waitFor();
    const table = nurse.getByRole('table', { name: /Vitals over time/ });
    const temperatureRow = table.getByRole('row').filter({ has: nurse.getByRole('rowheader', { name: /Body temperature/ }) });
    // Newest first: 38.2 before 37.0, exactly as typed.
    await expect.poll(async () => (await temperatureRow.getByRole('cell').allInnerTexts()).map((t) => t.trim())).toEqual(['38.2', '37.0']);
    const systolicRow = table.getByRole('row').filter({ has: nurse.getByRole('rowheader', { name: /Systolic/ }) });
    expect((await systolicRow.getByRole('cell').allInnerTexts()).map((t) => t.trim())).toEqual(['131', '124']);

    const chart = nurse.getByRole('figure').filter({ has: nurse.getByRole('img', { name: 'Trend of Body temperature' }) });
    await chart.waitFor();
    expect(await chart.locator('figcaption').innerText()).toMatch(/Body temperature \(Cel\): 2 readings, latest 38\.2/);
    expect(await chart.locator('svg path').count()).toBeGreaterThanOrEqual(1);
    expect(await chart.locator('svg path').first().getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);

    const summary = nurse.getByRole('region', { name: 'Summary' });
    expect(await summary.getByText(/Body temperature: 38\.2 Cel/).count()).toBe(1);
    const timeline = nurse.getByRole('list', { name: /Timeline entries/ });
    await expect.poll(() => timeline.getByRole('listitem').filter({ hasText: 'Vital signs' }).count()).toBe(2);
    await screenshot(nurse, 'chart-01-flowsheet-and-trends');
  });

  it('filters the timeline by kind', async () => {
    const timeline = nurse.getByRole('list', { name: /Timeline entries/ });
    await nurse.getByRole('checkbox', { name: 'Vitals' }).uncheck();
    await expect.poll(() => timeline.getByRole('listitem').filter({ hasText: 'Vital signs' }).count()).toBe(0);
    expect(await timeline.getByRole('listitem').filter({ hasText: 'Encounter' }).count()).toBeGreaterThanOrEqual(1);
  });

  it('renders without Content Security Policy violations and without inline style attributes on the chart', async () => {
    expect(cspViolations).toEqual([]);
    // Empty style="" attributes appear on inputs Chromium has filled in; none may carry a style.
    const styled = await nurse.locator('main [style]:not([style=""])').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 160)));
    expect(styled).toEqual([]);
  });
  it('exports the patient as a FHIR bundle from the patient record (a download with the vitals at their precision)', async () => {
    await nurse.getByRole('link', { name: 'Patient record' }).first().click();
    const [download] = await Promise.all([nurse.waitForEvent('download'), nurse.getByRole('button', { name: 'Export FHIR bundle' }).click()]);
    expect(download.suggestedFilename()).toMatch(/-fhir-bundle\.json$/);
    const text = await readFile((await download.path())!, 'utf8');
    const bundle = JSON.parse(text) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.some((e) => e.resource.resourceType === 'Observation')).toBe(true);
    expect(text).toContain('37.0');
    await nurse.getByRole('status').filter({ hasText: /Exported \d+ FHIR resources/ }).waitFor();
  });
});
