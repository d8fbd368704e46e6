import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { callAs, clinicDayAtEight, DEMO, nav, signIn as signInAt, type Account, type RpcOutcome } from './support/demo-session';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

const { admin: ADMIN, desk: DESK, nurse: NURSE } = DEMO;
const PROVIDER = 'Maria Lindqvist';
const TYPE = 'Check-up (20 min)';

// The patient of the story: accents, a hyphen, a day of birth > 12 so DD/MM/YYYY is unambiguous.
const ZOE = { given: 'Zoë', family: 'Quintanilla-Ábrego', dob: '1987-03-14', dobTyped: '14/03/1987', phone: '+44 20 7946 0958' };
const ZOE_LISTED = 'Quintanilla-Ábrego, Zoë'; // how patient lists file her (family name first)
const ZOE_BOOKED = 'Zoë Quintanilla-Ábrego'; // how appointments name her

let app: HeadlessApp;
let browser: Browser;
let clinicToday: string;

/** Setup calls as the demo administrator. */
function asAdmin(page: Page, calls: { method: string; input: unknown }[]): Promise<RpcOutcome[]> {
  return callAs(page, ADMIN, calls);
}

async function prepareToday(page: Page): Promise<void> {
  const { zone, today, weekday } = clinicDayAtEight(Date.now());
  const [setZone, providers] = await asAdmin(page, [
    { method: 'schedule.setTimeZone', input: { timeZone: zone } },
    { method: 'clinic.listProviders', input: {} },
  ]);
  expect(setZone).toMatchObject({ ok: true, value: { timeZone: zone } });
  if (weekday >= 6) {
    const maria = (providers!.value as { id: string; givenName: string; familyName: string }[]).find((p) => `${p.givenName} ${p.familyName}` === PROVIDER)!;
    const [hours] = await asAdmin(page, [
      { method: 'schedule.addWorkingHours', input: { providerId: maria.id, weekday, startTime: '08:00', endTime: '17:00', kind: 'work', validFrom: today, validTo: today } },
    ]);
    expect(hours).toMatchObject({ ok: true });
  }
  clinicToday = today;
}

function signIn(page: Page, account: Account): Promise<void> {
  return signInAt(page, app.url, account);
}

/** Types into a patient search box (by its label); returns its results once they answer this query. */
async function searchPatients(scope: Page | Locator, label: string, query: string): Promise<Locator> {
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.fill(''); // empties the results, so what shows next is for this query
  await box.fill(query);
  const results = scope.getByRole('listbox', { name: `${label}: results` });
  await results.getByRole('option').first().waitFor();
  return results;
}

beforeAll(async () => {
  app = await startHeadlessApp(['--demo']);
  browser = await launchChromium();
  const setup = await browser.newPage();
  await setup.goto(app.url);
  await setup.getByLabel('Username', { exact: true }).waitFor();
  await prepareToday(setup);
  await setup.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('front desk end to end (demo clinic in Chromium)', () => {
  let desk: Page;
  let deskContext: BrowserContext;
  let patientId = '';
  let mrn = '';

  beforeAll(async () => {
    deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    deskContext.setDefaultTimeout(10_000);
    desk = await deskContext.newPage();
  });

  it('registers a patient with an accented name', async () => {
    await signIn(desk, DESK);
    await nav(desk, 'Patients');
    await desk.getByRole('button', { name: 'Register new patient' }).click();
    const form = desk.getByRole('form', { name: 'Patient details' });
    await form.getByLabel('Given name', { exact: true }).fill(ZOE.given);
    await form.getByLabel('Family name', { exact: true }).fill(ZOE.family);
    await form.getByLabel('Date of birth', { exact: true }).fill(ZOE.dob);
    await form.getByLabel('Sex', { exact: true }).selectOption('female');
    await form.getByLabel('Phone', { exact: true }).fill(ZOE.phone);
    await screenshot(desk, 'fd-01-register');
    await form.getByRole('button', { name: 'Register patient' }).click();

    await desk.getByRole('heading', { level: 1, name: ZOE_LISTED }).waitFor();
    const notice = await desk.getByRole('status').filter({ hasText: 'Registered' }).innerText();
    expect(notice).toMatch(/^Registered Zoë Quintanilla-Ábrego as MRN\d{6}\.$/);
    mrn = /MRN\d{6}/.exec(notice)![0];
    patientId = decodeURIComponent(/#\/patients\/([^/?]+)/.exec(desk.url())![1]!);
    await screenshot(desk, 'fd-02-registered');
  });

  it('warns about a near-duplicate and links to the first record', async () => {
    await nav(desk, 'Patients');
    await desk.getByRole('button', { name: 'Register new patient' }).click();
    const form = desk.getByRole('form', { name: 'Patient details' });
    const warning = form.getByRole('region', { name: 'Possible duplicate: check before saving' });
    const link = warning.getByRole('link', { name: ZOE_LISTED });
    // A typo (one letter missing from the family name), no accents, the same date of birth.
    await form.getByLabel('Given name', { exact: true }).fill('Zoe');
    await form.getByLabel('Family name', { exact: true }).fill('Quintanila-Abrego');
    await form.getByLabel('Date of birth', { exact: true }).fill(ZOE.dob);
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`#/patients/${patientId}`);
    expect(await warning.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^${escape(ZOE_LISTED)} — ${mrn}, born .*, ${escape(ZOE.phone)}: same date of birth and a similar name$`)),
    ]);
    // Another date of birth: no warning. Given and family names swapped, same date: warned again.
    await form.getByLabel('Date of birth', { exact: true }).fill('1987-03-15');
    await warning.waitFor({ state: 'detached' });
    await form.getByLabel('Given name', { exact: true }).fill('Quintanilla Abrego');
    await form.getByLabel('Family name', { exact: true }).fill('Zoe');
    await form.getByLabel('Date of birth', { exact: true }).fill(ZOE.dob);
    await link.waitFor();

    // Saving without looking is refused, saying why.
    await form.getByLabel('Sex', { exact: true }).selectOption('female');
    await form.getByRole('button', { name: 'Register patient' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('This patient may already be registered. Open the existing record, or tick “These are different patients”.');
    await screenshot(desk, 'fd-03-duplicate-warning');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
  });

  it('finds the patient three ways: names reordered without accents, MRN, date of birth as DD/MM/YYYY', async () => {
    await nav(desk, 'Patients');
    const box = desk.getByRole('combobox', { name: 'Find a patient' });
    const ways: [string, string][] = [
      ['abrego zoe quintanilla', 'fd-04a-search-by-name'],
      [mrn.toLowerCase(), 'fd-04b-search-by-mrn'],
      [ZOE.dobTyped, 'fd-04c-search-by-birth-date'],
    ];
    for (const [query, shot] of ways) {
      const results = await searchPatients(desk, 'Find a patient', query);
      const zoe = results.getByRole('option', { name: new RegExp(`^${ZOE_LISTED} ${mrn} · born .*\\(${ZOE.dob}\\)`) });
      expect(await zoe.count()).toBe(1);
      await screenshot(desk, shot);
    }
    // The name search puts her first; Enter opens the active result.
    const results = await searchPatients(desk, 'Find a patient', 'quintanilla abrego');
    expect(await results.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await box.press('Enter');
    await desk.getByRole('heading', { level: 1, name: ZOE_LISTED }).waitFor();
  });

  it('books an appointment with provider, type and time', async () => {
    await nav(desk, 'Schedule');
    await desk.getByRole('button', { name: 'New appointment' }).click();
    const dialog = desk.getByRole('dialog', { name: 'New appointment' });
    const patients = await searchPatients(dialog, 'Patient', 'zoe quintanilla');
    await patients.getByRole('option', { name: new RegExp(`^${ZOE_LISTED} ${mrn}`) }).click();
    await dialog.getByRole('button', { name: `Change patient (now ${ZOE_LISTED})` }).waitFor();
    await dialog.getByLabel('Provider', { exact: true }).selectOption({ label: PROVIDER });
    await dialog.getByLabel('Appointment type', { exact: true }).selectOption({ label: TYPE });
    expect(await dialog.getByLabel('Date', { exact: true }).inputValue()).toBe(clinicToday);
    await dialog.getByLabel('Time', { exact: true }).fill('10:00');
    await dialog.getByRole('button', { name: 'Find next free slot' }).click();
    await dialog.getByRole('status').filter({ hasText: /^Next free slot: .*, 10:00\.$/ }).waitFor();
    await screenshot(desk, 'fd-05-booking');
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();

    await dialog.waitFor({ state: 'detached' });
    expect(await desk.getByRole('status').filter({ hasText: 'Booked' }).innerText()).toMatch(new RegExp(`^Booked ${ZOE_BOOKED} with ${PROVIDER}, .*, 10:00\\.$`));
    await desk.getByRole('button', { name: `10:00 to 10:20, ${ZOE_BOOKED} (${mrn}), Check-up, Booked, with ${PROVIDER}` }).waitFor();
    await screenshot(desk, 'fd-06-booked');
  });

  it('refuses a second patient in the same provider slot with a clear message', async () => {
    await desk.getByRole('button', { name: 'New appointment' }).click();
    const dialog = desk.getByRole('dialog', { name: 'New appointment' });
    const patients = await searchPatients(dialog, 'Patient', 'MRN000001');
    await patients.getByRole('option').first().click();
    await dialog.getByRole('button', { name: /^Change patient/ }).waitFor();
    await dialog.getByLabel('Provider', { exact: true }).selectOption({ label: PROVIDER });
    await dialog.getByLabel('Appointment type', { exact: true }).selectOption({ label: TYPE });
    await dialog.getByLabel('Time', { exact: true }).fill('10:00'); // her very slot
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();

    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(`${PROVIDER} is already booked 10:00–10:20 on ${weekdayName(clinicToday)} ${clinicToday}`);
    // The time is marked and focused, so the next try is one keystroke away.
    const time = dialog.getByLabel('Time', { exact: true });
    expect(await time.getAttribute('aria-invalid')).toBe('true');
    expect(await time.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await screenshot(desk, 'fd-07-conflict');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Still one appointment at that time, hers.
    expect(await desk.getByRole('button', { name: /^10:00 to 10:20, / }).count()).toBe(1);
  });

  it('reschedules the appointment', async () => {
    await desk.getByRole('button', { name: `10:00 to 10:20, ${ZOE_BOOKED} (${mrn}), Check-up, Booked, with ${PROVIDER}` }).click();
    const panel = desk.getByRole('region', { name: `${ZOE_BOOKED}, 10:00–10:20` });
    await panel.getByRole('button', { name: 'Reschedule' }).click();
    const form = panel.getByRole('form', { name: 'Reschedule' });
    expect(await form.getByLabel('New date', { exact: true }).inputValue()).toBe(clinicToday);
    await form.getByLabel('New time', { exact: true }).fill('10:30');
    await form.getByRole('button', { name: 'Move appointment' }).click();

    expect(await desk.getByRole('status').filter({ hasText: 'Moved' }).innerText()).toMatch(new RegExp(`^Moved ${ZOE_BOOKED} to .*, 10:30 with ${PROVIDER}\\.$`));
    await desk.getByRole('region', { name: `${ZOE_BOOKED}, 10:30–10:50` }).waitFor();
    await desk.getByRole('button', { name: `10:30 to 10:50, ${ZOE_BOOKED} (${mrn}), Check-up, Booked, with ${PROVIDER}` }).waitFor();
    expect(await desk.getByRole('button', { name: /^10:00 to 10:20, / }).count()).toBe(0);
    await screenshot(desk, 'fd-08-rescheduled');
  });

  it('checks the patient in; a second window shows them waiting without a reload', async () => {
    const nurseContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    nurseContext.setDefaultTimeout(10_000);
    const queue = await nurseContext.newPage();
    await signIn(queue, NURSE);
    await nav(queue, 'Today’s queue');
    const waiting = queue.getByRole('table', { name: 'Waiting patients' });
    const expected = queue.getByRole('table', { name: 'Booked appointments today' });
    await expected.getByRole('rowheader', { name: `${ZOE_BOOKED} ${mrn}` }).waitFor();
    expect(await waiting.getByRole('rowheader').count()).toBe(0);
    await screenshot(queue, 'fd-09-queue-before-check-in');
    // Anything that reloads the page would drop this marker.
    await queue.evaluate(() => ((globalThis as unknown as { fdMarker: string }).fdMarker = 'same page'));
    let loads = 0;
    queue.on('load', () => (loads += 1));

    const panel = desk.getByRole('region', { name: `${ZOE_BOOKED}, 10:30–10:50` });
    await panel.getByRole('button', { name: 'Check in' }).click();
    await desk.getByRole('status').filter({ hasText: `${ZOE_BOOKED} is checked in.` }).waitFor();
    await desk.getByRole('region', { name: `${ZOE_BOOKED}, 10:30–10:50` }).getByText('Arrived').waitFor();
    await screenshot(desk, 'fd-10-checked-in');

    const row = waiting.getByRole('row').filter({ has: queue.getByRole('rowheader', { name: `${ZOE_BOOKED} ${mrn}` }) });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([PROVIDER, '10:30 Check-up', expect.stringMatching(/^\d{2}:\d{2}$/), '0 min']);
    expect(await expected.getByRole('rowheader', { name: `${ZOE_BOOKED} ${mrn}` }).count()).toBe(0);
    expect(await queue.getByRole('heading', { name: 'Waiting (1)' }).isVisible()).toBe(true);
    expect(await queue.evaluate(() => (globalThis as unknown as { fdMarker?: string }).fdMarker)).toBe('same page');
    expect(loads).toBe(0);
    await screenshot(queue, 'fd-11-queue-live');
    await nurseContext.close();
  });

  afterAll(async () => {
    await deskContext?.close();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function weekdayName(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
}

/** What has focus, as a screen reader would name it roughly: role-ish tag plus name. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(n: string): string | null; textContent: string | null; labels?: { textContent: string | null }[] } | null } }).document;
    const el = doc.activeElement;
    if (!el) return 'nothing';
    const label = el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${label.trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
  });
}

/** Presses Tab (or Shift+Tab) until the focused element is the one wanted; fails after `max` presses. */
async function tabTo(page: Page, wanted: string | RegExp, { back = false, max = 30 } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    seen.push(now);
    if (typeof wanted === 'string' ? now === wanted : wanted.test(now)) return;
  }
  throw new Error(`Tab never reached ${String(wanted)}; focus went: ${seen.join(' → ')}`);
}

describe('keyboard only (no clicks, no fills)', () => {
  it('registers a patient and books their appointment with the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const keys = page.keyboard;
    // Locators below only wait for and read the screen; every action is a key press.
    await page.goto(app.url);
    await page.getByLabel('Username', { exact: true }).waitFor();
    expect(await focused(page)).toBe('input[text] "Username"');
    await keys.type(DESK.username);
    await keys.press('Tab');
    await keys.type(DESK.password);
    await keys.press('Enter');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // Patients → "Register new patient" (just before the search box, which has focus).
    await tabTo(page, 'a "Patients"');
    await keys.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
    expect(await focused(page)).toBe('input[search] "Find a patient"');
    await tabTo(page, 'button[button] "Register new patient"', { back: true });
    await keys.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Register new patient' }).waitFor();

    expect(await focused(page)).toBe('input[text] "Given name"');
    await keys.type('Björn');
    await keys.press('Tab'); // Middle name: none
    await keys.press('Tab');
    expect(await focused(page)).toBe('input[text] "Family name"');
    await keys.type('Ødegård-Nuñez');
    await keys.press('Tab');
    await keys.type('1990-07-21');
    await keys.press('Tab');
    expect(await focused(page)).toBe('select "Sex"');
    await keys.type('Male'); // type-ahead picks the option
    await keys.press('Tab');
    expect(await focused(page)).toBe('input[text] "Phone"');
    await keys.type('+47 22 33 44 55');
    await screenshot(page, 'fd-12-keyboard-register');
    await keys.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Ødegård-Nuñez, Björn' }).waitFor();
    const registered = await page.getByRole('status').filter({ hasText: 'Registered' }).innerText();
    expect(registered).toMatch(/^Registered Björn Ødegård-Nuñez as MRN\d{6}\.$/);
    const bjornMrn = /MRN\d{6}/.exec(registered)![0];
    expect(await page.getByRole('definition').filter({ hasText: /^Male$/ }).count()).toBe(1);

    // Schedule, then the "n" shortcut opens the booking dialog with focus in the patient search.
    await tabTo(page, 'a "Schedule"', { back: true, max: 60 });
    await keys.press('Enter');
    await page.getByRole('button', { name: 'New appointment' }).waitFor();
    await keys.press('n');
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.waitFor();
    expect(await focused(page)).toBe('input[search] "Patient"');
    await keys.type('odegard nunez');
    const option = dialog.getByRole('option', { name: new RegExp(`^Ødegård-Nuñez, Björn ${bjornMrn} `) });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await keys.press('Enter');
    // The search box gives way to the chosen patient; focus moves to its Change button.
    expect(await focused(page)).toBe('button[button] "Change patient (now Ødegård-Nuñez, Björn)"');
    await keys.press('Tab');
    expect(await focused(page)).toBe('select "Provider"');
    await keys.type('Maria');
    await keys.press('Tab');
    expect(await focused(page)).toBe('select "Appointment type"');
    await keys.press('Tab');
    expect(await focused(page)).toBe('input[date] "Date"'); // today, as the schedule shows
    await tabTo(page, 'input[time] "Time"');
    // Hour, minute, and "A" for the AM/PM field where the browser's locale has one.
    await keys.type('1100A');
    expect(await dialog.getByLabel('Time', { exact: true }).inputValue()).toBe('11:00');
    expect(await dialog.getByLabel('Date', { exact: true }).inputValue()).toBe(clinicToday);
    await screenshot(page, 'fd-13-keyboard-booking');
    await keys.press('Enter');

    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').filter({ hasText: 'Booked' }).innerText()).toMatch(new RegExp(`^Booked Björn Ødegård-Nuñez with ${PROVIDER}, .*, 11:00\\.$`));
    await page.getByRole('button', { name: `11:00 to 11:20, Björn Ødegård-Nuñez (${bjornMrn}), Check-up, Booked, with ${PROVIDER}` }).waitFor();
    // The booked appointment opens, its heading focused.
    expect(await focused(page)).toBe('h2 "Björn Ødegård-Nuñez, 11:00–11:20"');
    await screenshot(page, 'fd-14-keyboard-booked');
    await context.close();
  });
});
