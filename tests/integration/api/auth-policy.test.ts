import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import { DEFAULT_SECURITY_POLICY } from '../../../main/services/auth/security-policy';
import { ADMIN, setUpAdmin, startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';

const policy = DEFAULT_SECURITY_POLICY;
const MINUTE = 60_000;

function errorCode(result: Result<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

let tw: TestWorkstation;
let admin: ApiClient;

beforeAll(async () => {
  tw = await startTestWorkstation();
  admin = await setUpAdmin(tw);
});
afterAll(async () => {
  await tw?.close();
});

async function createUser(username: string, password = `${username} secret pw`) {
  const user = unwrap(await admin.api.users.create({ username, displayName: `User ${username}`, role: 'nurse', password }));
  return { id: user.id, username, password };
}

async function signIn(account: { username: string; password: string }): Promise<ApiClient> {
  const client = tw.client();
  unwrap(await client.api.auth.login({ username: account.username, password: account.password }));
  return client;
}

function login(username: string, password: string) {
  return tw.client().api.auth.login({ username, password });
}

/** The clock jumps of these tests outlast the administrator's session: sign in again after them. */
async function refreshAdmin(): Promise<void> {
  admin = await signIn(ADMIN);
}

describe('sign-in lockout', () => {
  it('locks after maxFailedLogins failures in a row, even for the right password, until lockoutMinutes pass', async () => {
    const user = await createUser('lena');
    for (let i = 1; i < policy.maxFailedLogins; i += 1) {
      expect(errorCode(await login('lena', `wrong ${i}`))).toBe('INVALID_CREDENTIALS');
    }
    // One short of the limit the right password still works.
    const row = () => tw.workstation.database.raw.prepare('SELECT failed_login_count, locked_until FROM users WHERE id = ?').get(user.id) as {
      failed_login_count: number;
      locked_until: string | null;
    };
    expect(row()).toEqual({ failed_login_count: policy.maxFailedLogins - 1, locked_until: null });

    expect(errorCode(await login('lena', 'the last wrong one'))).toBe('INVALID_CREDENTIALS');
    expect(row().locked_until).toBe(new Date(tw.clock.now().getTime() + policy.lockoutMinutes * MINUTE).toISOString());
    const locked = await login('lena', user.password);
    expect(locked).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });

    tw.clock.advance(policy.lockoutMinutes * MINUTE - 1000);
    expect(errorCode(await login('lena', user.password))).toBe('ACCOUNT_LOCKED');
    tw.clock.advance(1000);
    expect((await login('lena', user.password)).ok).toBe(true);
    expect(row()).toEqual({ failed_login_count: 0, locked_until: null });
    await refreshAdmin();
  });

  it('counts failures in a row only: a successful sign-in resets the count', async () => {
    const user = await createUser('otto');
    for (let round = 0; round < 3; round += 1) {
      for (let i = 1; i < policy.maxFailedLogins; i += 1) {
        expect(errorCode(await login('otto', `wrong ${round}.${i}`))).toBe('INVALID_CREDENTIALS');
      }
      expect((await login('otto', user.password)).ok).toBe(true);
    }
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    await createUser('uma');
    const unknown = await login('nobody.here', 'whatever password');
    const wrong = await login('uma', 'not her password');
    expect(unknown.ok).toBe(false);
    expect(unknown).toEqual(wrong);
    expect(unknown).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Username or password is incorrect' } });
  });
});

describe('session expiry', () => {
  it('ends a session left idle for idleTimeoutMinutes; activity keeps it alive', async () => {
    const user = await createUser('ivy');
    const ivy = await signIn(user);
    const lost: string[] = [];
    ivy.onSessionLost((code) => lost.push(code));

    // Three idle stretches just short of the limit, each ended by a call: far past the idle time in total.
    for (let i = 0; i < 3; i += 1) {
      tw.clock.advance(policy.idleTimeoutMinutes * MINUTE - 1000);
      expect(errorCode(await ivy.api.system.ping({})), `stretch ${i}`).toBeNull();
    }
    tw.clock.advance(policy.idleTimeoutMinutes * MINUTE);
    expect(errorCode(await ivy.api.system.ping({}))).toBe('SESSION_EXPIRED');
    expect(ivy.session()).toBeNull();
    expect(lost).toEqual(['SESSION_EXPIRED']);
    await refreshAdmin();
  });

  it('ends a session absoluteSessionHours after sign-in however busy it is', async () => {
    const user = await createUser('abe');
    const abe = await signIn(user);
    const token = abe.session();
    const expiresAt = Date.parse(unwrap(await abe.api.auth.currentSession({})).expiresAt);
    expect(expiresAt).toBe(tw.clock.now().getTime() + policy.absoluteSessionHours * 3_600_000);

    const step = (policy.idleTimeoutMinutes - 1) * MINUTE;
    while (tw.clock.now().getTime() + step < expiresAt) {
      tw.clock.advance(step);
      expect(errorCode(await abe.api.system.ping({}))).toBeNull();
    }
    tw.clock.set(new Date(expiresAt));
    const ended = await tw.workstation.dispatcher.dispatch({ method: 'system.ping', input: {}, session: token }, 'in-process');
    expect(errorCode(ended)).toBe('SESSION_EXPIRED');
    await refreshAdmin();
  });

  it('ends all sessions of a user whose role changes', async () => {
    const user = await createUser('rolf');
    const first = await signIn(user);
    const second = await signIn(user);
    const bystander = await signIn(await createUser('bea'));
    const current = unwrap(await admin.api.users.list({})).find((u) => u.id === user.id)!;
    unwrap(await admin.api.users.update({ id: user.id, expectedVersion: current.version, role: 'physician' }));

    expect(errorCode(await first.api.system.ping({}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await second.api.system.ping({}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await bystander.api.system.ping({}))).toBeNull();
    const again = await signIn(user);
    expect(unwrap(await again.api.auth.currentSession({})).user.role).toBe('physician');
  });
});

describe('password storage', () => {
  it('stores passwords as argon2id PHC strings and never returns them', async () => {
    const user = await createUser('hash.check', 'hash check password');
    const rows = tw.workstation.database.raw.prepare('SELECT username, password_hash FROM users').all() as {
      username: string;
      password_hash: string;
    }[];
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.password_hash, row.username).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    }
    // Same password, different salt.
    const other = await createUser('hash.check2', 'hash check password');
    const [a, b] = [user.id, other.id].map(
      (id) => (tw.workstation.database.raw.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as { password_hash: string }).password_hash,
    );
    expect(a).not.toBe(b);

    const client = tw.client();
    const outputs: unknown[] = [
      await client.api.auth.login({ username: user.username, password: user.password }),
      await client.api.auth.currentSession({}),
      await admin.api.users.list({}),
      await admin.api.users.update({ id: user.id, expectedVersion: 1, displayName: 'Hash Check' }),
      await admin.api.users.setActive({ id: user.id, active: true }),
      await admin.api.users.resetPassword({ id: user.id, newPassword: 'hash check password 2' }),
      await admin.api.users.unlock({ id: user.id }),
      await admin.api.audit.list({ limit: 500 }),
    ];
    for (const output of outputs) expect((output as Result<unknown>).ok).toBe(true);
    const json = JSON.stringify(outputs);
    expect(json).not.toMatch(/argon2|password_?hash|passwordHash/i);
    expect(json).not.toContain(user.password);
    expect(json).not.toContain(a!.split('$').pop()!);
  });

  it('never writes a plaintext password into any table', async () => {
    const secret = 'plaintext canary passphrase';
    const user = await createUser('canary', secret);
    await login('canary', `${secret} wrong`);
    await login('canary', secret);
    const raw = tw.workstation.database.raw;
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      const dump = JSON.stringify(raw.prepare(`SELECT * FROM "${name}"`).all());
      expect(dump, name).not.toContain('plaintext canary');
    }
    expect(user.id).toBeTruthy();
  });
});

describe('changing one’s own password', () => {
  it('refuses a wrong current password, then replaces the old password with the new one', async () => {
    const user = await createUser('cora', 'cora first password');
    const cora = await signIn(user);

    const wrong = await cora.api.auth.changePassword({ currentPassword: 'not my password', newPassword: 'cora second password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS', field: 'currentPassword' } });
    const same = await cora.api.auth.changePassword({ currentPassword: user.password, newPassword: user.password });
    expect(same).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'newPassword' } });
    const tooShort = await cora.api.auth.changePassword({ currentPassword: user.password, newPassword: 'short' });
    expect(tooShort).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'newPassword' } });
    expect((await login('cora', user.password)).ok).toBe(true);

    expect(unwrap(await cora.api.auth.changePassword({ currentPassword: user.password, newPassword: 'cora second password' }))).toEqual({
      changed: true,
    });
    expect(errorCode(await login('cora', user.password))).toBe('INVALID_CREDENTIALS');
    expect((await login('cora', 'cora second password')).ok).toBe(true);
    // The session that changed the password is still the user's.
    expect(errorCode(await cora.api.system.ping({}))).toBeNull();
  });

  it('needs a session', async () => {
    const anonymous = tw.client();
    const result = await anonymous.api.auth.changePassword({ currentPassword: 'x', newPassword: 'long enough password' });
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });
});
