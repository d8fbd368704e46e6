import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app';

const ADMIN = { clinic: 'Harbourside Clinic', username: 'itadmin', name: 'Iris Admin', password: 'admin password 2026' };
const DESK = { username: 'desk.anna', name: 'Anna Desk', password: 'front desk password' };

let app: HeadlessApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startHeadlessApp();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function navNames(p: Page): Promise<string[]> {
  const nav = p.getByRole('navigation', { name: 'Main' });
  await nav.waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

describe('foundation end to end (headless workstation in Chromium)', () => {
  it('first run creates the clinic administrator', async () => {
    await page.goto(app.url);
    await page.getByLabel('Clinic name').fill(ADMIN.clinic);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Display name').fill(ADMIN.name);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await screenshot(page, '01-first-run');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    expect(await navNames(page)).toEqual(['Home', 'Patients', 'Schedule', 'Today’s queue', 'Users', 'Clinic', 'Devices', 'Audit log', 'My account']);
    await expect.poll(() => page.getByText(ADMIN.name).first().isVisible()).toBe(true);
    await screenshot(page, '02-admin-home');
  });

  it('the administrator creates a front-desk user', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    const form = page.getByRole('form', { name: /create user/i });
    await form.getByLabel('Username').fill(DESK.username);
    await form.getByLabel('Display name').fill(DESK.name);
    await form.getByLabel('Role').selectOption('front_desk');
    await form.getByLabel('Password', { exact: true }).fill(DESK.password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => page.getByRole('rowheader', { name: DESK.username, exact: true }).count()).toBe(1);
    await screenshot(page, '03-users');
  });

  it('the front-desk user signs in and sees only the navigation their role allows', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill(DESK.username);
    await page.getByLabel('Password', { exact: true }).fill(DESK.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await navNames(page)).toEqual(['Home', 'Patients', 'Schedule', 'Today’s queue', 'My account']);
    await screenshot(page, '04-front-desk-home');
  });

  it('main refuses an admin-only method called directly by the front-desk user', async () => {
    const outcome = await page.evaluate(
      async ({ username, password }) => {
        // Runs in the page: DOM globals exist there, not in this Node-typed file.
        const page = globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } };
        const token = page.sessionStorage.getItem('aipc.bridgeToken');
        const rpc = async (method: string, input: unknown, session: string | null): Promise<{ ok: boolean; value?: { sessionToken: string } }> => {
          const response = await fetch('/api/rpc', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ method, input, session }),
          });
          return (await response.json()) as { ok: boolean; value?: { sessionToken: string } };
        };
        const login = await rpc('auth.login', { username, password }, null);
        const list = await rpc('users.list', {}, login.value!.sessionToken);
        const create = await rpc('users.create', { username: 'sneaky', displayName: 'Sneaky', role: 'admin', password: 'sneaky password 1' }, login.value!.sessionToken);
        return { list, create };
      },
      { username: DESK.username, password: DESK.password },
    );
    expect(outcome.list).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(outcome.create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('typing the admin page address shows the front-desk user no data', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/users';
    });
    await page.getByText(/don.t have access/i).waitFor();
    expect(await page.getByRole('rowheader', { name: ADMIN.username, exact: true }).count()).toBe(0);
    await screenshot(page, '05-front-desk-users-route');
  });

  it('signing in and out works with the keyboard alone', async () => {
    const keyboardPage = await context.newPage();
    await keyboardPage.goto(app.url);
    await keyboardPage.getByLabel('Username').waitFor();
    // The sign-in form puts the cursor in Username; Tab moves to the password, Enter submits.
    expect(await keyboardPage.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }).document.activeElement.getAttribute('name'))).toBe('username');
    await keyboardPage.keyboard.type(ADMIN.username);
    await keyboardPage.keyboard.press('Tab');
    await keyboardPage.keyboard.type(ADMIN.password);
    await keyboardPage.keyboard.press('Enter');
    expect(await navNames(keyboardPage)).toEqual(['Home', 'Patients', 'Schedule', 'Today’s queue', 'Users', 'Clinic', 'Devices', 'Audit log', 'My account']);
    await keyboardPage.getByRole('button', { name: 'Sign out' }).focus();
    await keyboardPage.keyboard.press('Enter');
    await keyboardPage.getByLabel('Username').waitFor();
    await screenshot(keyboardPage, '06-keyboard-sign-out');
    await keyboardPage.close();
  });
});
