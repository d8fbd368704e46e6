import type { Page } from 'playwright-core';

// Demo accounts (main/services/demo/demo-clinic.ts).
export const DEMO = {
  admin: { username: 'admin', password: 'demo-admin-pass' },
  desk: { username: 'frontdesk', password: 'demo-desk-pass' },
  nurse: { username: 'nurse', password: 'demo-nurse-pass' },
  physician: { username: 'physician', password: 'demo-doctor-pass' },
} as const;

export interface Account {
  username: string;
  password: string;
}

/**
 * "Today" must be a working day with hours left whenever a test runs (weekends, evenings). The
 * workstation runs on the real clock and the demo clinic works Mon–Fri 08:00–17:00 in the clinic
 * time zone, so tests set the clinic's zone to the fixed-offset zone where it is now 08:xx (and on
 * a Saturday or Sunday there give the provider hours for that one date).
 */
export function clinicDayAtEight(nowMs: number): { zone: string; today: string; weekday: number } {
  let offset = 8 - new Date(nowMs).getUTCHours();
  if (offset < -12) offset += 24; // Etc/GMT zones span UTC-12 … UTC+14
  // IANA's Etc/GMT signs are inverted: UTC+3 is Etc/GMT-3.
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const local = new Date(nowMs + offset * 3_600_000);
  return { zone, today: local.toISOString().slice(0, 10), weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay() };
}

export type RpcOutcome = { ok: boolean; value?: unknown; error?: unknown };

/**
 * Calls main over the bridge (from a page of the app, which holds the bridge token) as `account`;
 * for test setup only, never for the behaviour under test.
 */
export async function callAs(page: Page, account: Account, calls: { method: string; input: unknown }[]): Promise<RpcOutcome[]> {
  return page.evaluate(
    async ({ account, calls }) => {
      const storage = globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } };
      const token = storage.sessionStorage.getItem('aipc.bridgeToken');
      const rpc = async (method: string, input: unknown, session: string | null) => {
        const response = await fetch('/api/rpc', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, input, session }),
        });
        return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
      };
      const login = (await rpc('auth.login', account, null)) as { ok: boolean; value?: { sessionToken: string } };
      if (!login.ok) return [login];
      const results = [];
      for (const call of calls) results.push(await rpc(call.method, call.input, login.value!.sessionToken));
      await rpc('auth.logout', {}, login.value!.sessionToken);
      return results;
    },
    { account, calls },
  );
}

export async function signIn(page: Page, url: string, account: Account): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username', { exact: true }).fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

export function nav(page: Page, name: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/** The value of a setup call, or a failure naming what went wrong. */
export function valueOf<T>(outcome: RpcOutcome | undefined): T {
  if (!outcome?.ok) throw new Error(`setup call failed: ${JSON.stringify(outcome?.error)}`);
  return outcome.value as T;
}

export interface NewPatient {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
}

/**
 * Setup through the API (not under test): today made a clinic day, `patient` registered and
 * checked in as a walk-in with the first provider.
 */
export async function checkInWalkIn(page: Page, patient: NewPatient): Promise<void> {
  const { zone, today, weekday } = clinicDayAtEight(Date.now());
  const [, providers, types, registered] = await callAs(page, DEMO.admin, [
    { method: 'schedule.setTimeZone', input: { timeZone: zone } },
    { method: 'clinic.listProviders', input: {} },
    { method: 'schedule.listAppointmentTypes', input: {} },
    { method: 'patients.register', input: patient },
  ]);
  const provider = valueOf<{ id: string }[]>(providers)[0]!;
  const type = valueOf<{ id: string; active: boolean }[]>(types).find((t) => t.active)!;
  const calls: { method: string; input: unknown }[] = [
    { method: 'schedule.walkIn', input: { patientId: valueOf<{ id: string }>(registered).id, providerId: provider.id, typeId: type.id } },
  ];
  if (weekday >= 6) {
    calls.unshift({ method: 'schedule.addWorkingHours', input: { providerId: provider.id, weekday, startTime: '08:00', endTime: '17:00', kind: 'work', validFrom: today, validTo: today } });
  }
  for (const outcome of await callAs(page, DEMO.admin, calls)) valueOf(outcome);
}
