import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

// Demo accounts (main/services/demo/demo-clinic.ts). Every demo provider works Mon–Fri 08:00–17:00
// with a 12:00–13:00 break, so the entries added here are on Saturday, a day off until now.
const ADMIN = { username: 'admin', password: 'demo-admin-pass' };
const DESK = { username: 'frontdesk', password: 'demo-desk-pass' };
const PROVIDER = 'Samuel Adeyemi';
const TYPE = { name: 'Physiotherapy assessment', minutes: '45', colour: 'pink' };

let app: HeadlessApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startHeadlessApp(['--demo']);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signIn(p: Page, account: { username: string; password: string }): Promise<void> {
  await p.goto(app.url);
  await p.getByLabel('Username', { exact: true }).fill(account.username);
  await p.getByLabel('Password', { exact: true }).fill(account.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('navigation', { name: 'Main' }).waitFor();
}

async function navNames(p: Page): Promise<string[]> {
  const nav = p.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link').first().waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

async function openClinicTab(p: Page, tab: 'Schedules' | 'Appointment types'): Promise<void> {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinic', exact: true }).click();
  await p.getByRole('tab', { name: tab, exact: true }).click();
  await p.getByRole('heading', { level: 2, name: tab, exact: true }).waitFor();
}

/** The name attribute of the focused element: proves which field an error sent the cursor to. */
function focusedFieldName(p: Page): Promise<string | null> {
  return p.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('name') ?? null);
}

/** A weekday's table of the chosen provider's week (its caption is the weekday). */
function dayTable(p: Page, weekday: string): Locator {
  return p.getByRole('table', { name: weekday, exact: true });
}

async function addHours(form: Locator, entry: { weekday: string; kind: 'work' | 'break'; start: string; end: string; from?: string; until?: string }): Promise<void> {
  await form.getByLabel('Weekday', { exact: true }).selectOption({ label: entry.weekday });
  await form.getByLabel('Kind', { exact: true }).selectOption(entry.kind);
  await form.getByLabel('Start', { exact: true }).fill(entry.start);
  await form.getByLabel('End', { exact: true }).fill(entry.end);
  await form.getByLabel('Valid from (optional)', { exact: true }).fill(entry.from ?? '');
  await form.getByLabel('Valid until (optional)', { exact: true }).fill(entry.until ?? '');
  await form.getByRole('button', { name: 'Add to the week' }).click();
}

describe('clinic administration end to end (demo clinic in Chromium)', () => {
  it('the administrator adds an appointment type, and a second open window shows it at once', async () => {
    await signIn(page, ADMIN);
    await openClinicTab(page, 'Appointment types');
    const other = await context.newPage();
    await signIn(other, ADMIN);
    await openClinicTab(other, 'Appointment types');
    await other.getByRole('rowheader', { name: 'Check-up', exact: true }).waitFor();
    // The demo's types are listed with their colour written out next to the swatch.
    await expect.poll(() => page.getByRole('row', { name: /Check-up/ }).innerText()).toMatch(/20 min\s+Blue\s+Active/);

    const form = page.getByRole('form', { name: 'Add an appointment type' });
    await form.getByLabel('Name', { exact: true }).fill(TYPE.name);
    await form.getByLabel('Duration (minutes)', { exact: true }).fill(TYPE.minutes);
    await form.getByLabel('Colour', { exact: true }).selectOption(TYPE.colour);
    await form.getByRole('button', { name: 'Add appointment type' }).click();
    await page.getByRole('status').filter({ hasText: `Added the appointment type ${TYPE.name}.` }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(TYPE.name) });
    await expect.poll(() => row.innerText()).toMatch(/45 min\s+Pink\s+Active/);
    expect(await row.locator('.swatch--pink').count()).toBe(1);
    await other.getByRole('rowheader', { name: TYPE.name, exact: true }).waitFor();
    await other.close();
    await screenshot(page, 'ca-01-appointment-type-added');
  });

  it('an appointment type with a name already in use is refused, with the cursor in Name', async () => {
    const form = page.getByRole('form', { name: 'Add an appointment type' });
    await form.getByLabel('Name', { exact: true }).fill('Check-up');
    await form.getByRole('button', { name: 'Add appointment type' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('There is already an appointment type called “Check-up”');
    expect(await focusedFieldName(page)).toBe('name');
    await form.getByLabel('Name', { exact: true }).fill('');
  });

  it('deactivates and reactivates an appointment type', async () => {
    await page.getByRole('button', { name: `Deactivate ${TYPE.name}` }).click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(TYPE.name) }).innerText()).toContain('Inactive');
    await page.getByRole('button', { name: `Reactivate ${TYPE.name}` }).click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(TYPE.name) }).innerText()).toContain('Active');
    await page.getByRole('button', { name: `Deactivate ${TYPE.name}` }).waitFor();
  });

  it('adds working hours and a break for a provider and lists them under the weekday', async () => {
    await openClinicTab(page, 'Schedules');
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: PROVIDER });
    await page.getByRole('heading', { name: `Weekly hours of ${PROVIDER}` }).waitFor();
    // The demo week: Monday to Friday, each with working hours and a break.
    await expect.poll(() => dayTable(page, 'Monday').innerText()).toMatch(/08:00–17:00\s+Working hours\s+Always[\s\S]*12:00–13:00\s+Break\s+Always/);
    expect(await dayTable(page, 'Saturday').count()).toBe(0);
    await page.getByText('No working hours on Saturday, Sunday.').waitFor();
    await screenshot(page, 'ca-02-schedules-demo-week');

    const form = page.getByRole('form', { name: `Add working hours or a break for ${PROVIDER}` });
    await addHours(form, { weekday: 'Saturday', kind: 'work', start: '09:00', end: '13:00' });
    await page.getByRole('status').filter({ hasText: `Added working hours on Saturday 09:00–13:00 for ${PROVIDER}.` }).waitFor();
    await addHours(form, { weekday: 'Saturday', kind: 'break', start: '10:30', end: '10:45', from: '2030-01-01', until: '2030-12-31' });
    await page.getByRole('status').filter({ hasText: `Added a break on Saturday 10:30–10:45 for ${PROVIDER}.` }).waitFor();
    await expect
      .poll(() => dayTable(page, 'Saturday').innerText())
      .toMatch(/09:00–13:00\s+Working hours\s+Always[\s\S]*10:30–10:45\s+Break\s+2030-01-01 to 2030-12-31/);
    await page.getByText('No working hours on Sunday.').waitFor();
    await screenshot(page, 'ca-03-hours-and-break-added');
  });

  it('an overlapping entry is refused with a clear message and the cursor in Start', async () => {
    const form = page.getByRole('form', { name: `Add working hours or a break for ${PROVIDER}` });
    await addHours(form, { weekday: 'Saturday', kind: 'work', start: '12:00', end: '14:00' });
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('This overlaps working hours 09:00–13:00 on Saturday');
    expect(await focusedFieldName(page)).toBe('startTime');
    expect(await form.getByLabel('Start', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // Nothing was added.
    expect(await dayTable(page, 'Saturday').getByRole('rowheader', { name: '12:00–14:00' }).count()).toBe(0);
    await screenshot(page, 'ca-04-overlap-refused');

    // Main also refuses an end before the start, and blames the end.
    await addHours(form, { weekday: 'Sunday', kind: 'work', start: '14:00', end: '09:00' });
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('End time must be after the start time');
    expect(await focusedFieldName(page)).toBe('endTime');
  });

  it('removes an entry only after confirmation', async () => {
    const removeBreak = page.getByRole('button', { name: 'Remove Saturday 10:30–10:45 break (2030-01-01 to 2030-12-31)' });
    await removeBreak.click();
    const dialog = page.getByRole('dialog', { name: 'Remove from the week?' });
    await dialog.waitFor();
    await screenshot(page, 'ca-05-remove-confirmation');
    // "Keep it" changes nothing and returns focus to the row's button.
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => removeBreak.evaluate((el) => el === (el.ownerDocument.activeElement as unknown))).toBe(true);

    await removeBreak.click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Removed Saturday 10:30–10:45 break' }).waitFor();
    await expect.poll(() => dayTable(page, 'Saturday').getByRole('rowheader', { name: '10:30–10:45' }).count()).toBe(0);
    expect(await dayTable(page, 'Saturday').getByRole('rowheader', { name: '09:00–13:00' }).count()).toBe(1);
    await screenshot(page, 'ca-06-break-removed');
  });

  it('sets the clinic time zone, refusing a name that is not a zone', async () => {
    const form = page.getByRole('form', { name: 'Clinic time zone' });
    const field = form.getByLabel('Time zone', { exact: true });
    await field.fill('Atlantis/Lost_City');
    await form.getByRole('button', { name: 'Save time zone' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('Unknown time zone');
    expect(await focusedFieldName(page)).toBe('timeZone');

    await field.fill('Pacific/Auckland');
    await form.getByRole('button', { name: 'Save time zone' }).click();
    await form.getByRole('status').filter({ hasText: 'The clinic time zone is now Pacific/Auckland.' }).waitFor();
    await expect.poll(() => form.getByText('Currently Pacific/Auckland').count()).toBe(1);
    await screenshot(page, 'ca-07-time-zone-set');

    // Stored in main: a fresh window (a reload signs out) shows the same zone and the same week.
    const fresh = await context.newPage();
    await signIn(fresh, ADMIN);
    await openClinicTab(fresh, 'Schedules');
    await fresh.getByLabel('Provider', { exact: true }).selectOption({ label: PROVIDER });
    await expect.poll(() => fresh.getByRole('form', { name: 'Clinic time zone' }).getByLabel('Time zone', { exact: true }).inputValue()).toBe('Pacific/Auckland');
    await expect.poll(() => dayTable(fresh, 'Saturday').innerText()).toMatch(/09:00–13:00\s+Working hours/);
    await fresh.close();
  });

  it('the front desk does not see the Clinic page', async () => {
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await deskContext.newPage();
    await signIn(desk, DESK);
    const names = await navNames(desk);
    expect(names).not.toContain('Clinic');
    expect(names).toContain('Schedule');
    await screenshot(desk, 'ca-08-front-desk-nav');
    await deskContext.close();
  });
});
