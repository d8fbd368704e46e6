import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { checkInWalkIn, DEMO, nav, signIn } from './support/demo-session';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

const PATIENT = { givenName: 'Tove', familyName: 'Lindgren', dateOfBirth: '1975-11-02', sex: 'female' as const };

let app: HeadlessApp;
let browser: Browser;


async function openEncounter(page: Page): Promise<void> {
  await nav(page, 'Encounters');
  await page.getByRole('link', { name: new RegExp(PATIENT.familyName) }).first().click();
  await page.getByRole('heading', { name: 'Chief complaint' }).waitFor();
}

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

describe('encounter documentation in Chromium: complaint, vitals by hand, a signed and amended note', () => {
  let nurse: Page;
  let physician: Page;

  beforeAll(async () => {
    const nurseContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    nurseContext.setDefaultTimeout(15_000);
    nurse = await nurseContext.newPage();
    const physicianContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    physicianContext.setDefaultTimeout(15_000);
    physician = await physicianContext.newPage();
  });

  it('records the chief complaint and a symptom', async () => {
    await signIn(nurse, app.url, DEMO.nurse);
    await openEncounter(nurse);
    await nurse.getByRole('textbox', { name: 'Chief complaint' }).fill('Sore throat');
    await nurse.getByRole('button', { name: 'Add symptom' }).click();
    const symptom = nurse.getByRole('group', { name: 'Symptom 1' });
    await symptom.getByLabel('Symptom', { exact: true }).fill('Fever');
    await symptom.getByLabel('Severity').selectOption('moderate');
    await symptom.getByLabel('Duration').fill('2 days');
    await nurse.getByRole('button', { name: 'Save complaint' }).click();
    await nurse.getByRole('status').filter({ hasText: 'Complaint saved.' }).waitFor();
  });

  it('refuses an implausible temperature next to the field, then records vitals and refreshes the Vitals panel', async () => {
    const form = nurse.getByRole('form', { name: 'Record vitals' });
    await form.getByLabel('Temperature', { exact: true }).fill('47.0');
    await form.getByRole('button', { name: 'Save vitals' }).click();
    await expect.poll(() => form.getByRole('alert').allInnerTexts()).toEqual([expect.stringMatching(/not plausible \(expected 30–45 °C\)/)]);
    await expect.poll(() => form.getByLabel('Temperature', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Temperature', { exact: true }).fill('37.0');
    await form.getByLabel('Systolic (mmHg)').fill('124');
    await form.getByLabel('Diastolic (mmHg)').fill('78');
    await form.getByRole('button', { name: 'Save vitals' }).click();
    await form.getByRole('status').filter({ hasText: 'Recorded 3 measurements.' }).waitFor();
    const vitals = nurse.locator('section', { has: nurse.getByRole('heading', { name: 'Vitals', exact: true }) });
    await expect.poll(async () => (await vitals.getByRole('row').allInnerTexts()).some((r) => /Body temperature/.test(r) && /37\.0 Cel/.test(r) && /Manual/.test(r))).toBe(true);
    await screenshot(nurse, 'doc-01-vitals-by-hand');
  });

  it('lets the nurse draft a note but not sign it', async () => {
    await nurse.getByRole('button', { name: 'New note' }).click();
    const draft = nurse.getByRole('form', { name: 'Draft note' });
    await draft.getByLabel('Subjective').fill('Sore throat and fever since two days.');
    await draft.getByRole('button', { name: 'Save draft' }).click();
    await draft.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    expect(await draft.getByRole('button', { name: 'Sign' }).count()).toBe(0);
  });

  it('lets the physician sign their note and amend it, keeping the history', async () => {
    await signIn(physician, app.url, DEMO.physician);
    await openEncounter(physician);
    await physician.getByRole('button', { name: 'New note' }).click();
    const draft = physician.getByRole('form', { name: 'Draft note' });
    await draft.getByLabel('Assessment').fill('Acute pharyngitis');
    await draft.getByLabel('Plan').fill('Paracetamol, review in 3 days');
    await draft.getByRole('button', { name: 'Sign' }).click();
    const signed = physician.getByRole('article').filter({ hasText: 'Acute pharyngitis' });
    await signed.getByText('Signed', { exact: true }).waitFor();

    await signed.getByRole('button', { name: /^Amend/ }).click();
    await physician.getByLabel('Reason for the amendment').fill('Streptococcal test came back positive');
    await physician.getByRole('button', { name: 'Start amendment' }).click();
    const amendment = physician.getByRole('form', { name: 'Amendment (draft)' });
    await amendment.getByLabel('Plan').fill('Penicillin V for 10 days');
    await amendment.getByRole('button', { name: 'Sign' }).click();
    const chain = physician.getByRole('article').filter({ hasText: 'Penicillin V for 10 days' });
    await chain.getByText('Amendment history (1)').click();
    await chain.getByText('Paracetamol, review in 3 days').waitFor();
    await screenshot(physician, 'doc-02-amended-note');
  });
});
