import { afterEach, describe, expect, it } from 'vitest';
import { setUpAdmin, startTestWorkstation, unwrap, type TestWorkstation } from '../support/test-workstation';

let ws: TestWorkstation | undefined;
afterEach(async () => {
  await ws?.close();
});

describe('smoke', () => {
  it('sets up, creates a user and lists', async () => {
    ws = await startTestWorkstation();
    const admin = await setUpAdmin(ws);
    const u = unwrap(await admin.api.users.create({ username: 'desk1', displayName: 'Dee Desk', role: 'front_desk', password: 'front desk pass 1' }));
    expect(u.role).toBe('front_desk');
    const list = unwrap(await admin.api.users.list({}));
    expect(list.map((x) => x.username)).toEqual(['admin', 'desk1']);
    const desk = ws.client();
    unwrap(await desk.api.auth.login({ username: 'desk1', password: 'front desk pass 1' }));
    const denied = await desk.api.users.list({});
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audit = unwrap(await admin.api.audit.list({}));
    expect(audit[0]).toMatchObject({ action: 'users.list', outcome: 'denied' });
    expect(audit.find((e) => e.action === 'users.list' && e.outcome === 'denied')?.username).toBe('desk1');
  });
});
