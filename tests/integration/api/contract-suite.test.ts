import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContract, METHOD_NAMES, type MethodName } from '../../../common/contract';
import { ROLE_PERMISSIONS, type Permission } from '../../../common/domain/permissions';
import { ROLES, type Role } from '../../../common/domain/roles';
import type { ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import { ADMIN, startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { openTransport, recordEvents, TRANSPORT_NAMES, type TransportHandle } from '../../support/transports';
import { validInput, type InputTarget } from '../../support/valid-inputs';

const ORG = 'Riverside Clinic';

function errorCode(result: Result<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

function roleMay(role: Role, method: MethodName): boolean {
  const access = appContract[method].access;
  return access === 'public' || ROLE_PERMISSIONS[role].includes(access as Permission);
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  patient_id: string | null;
  outcome: string;
  error_code: string | null;
  transport: string;
}

describe.each(TRANSPORT_NAMES)('the contract over the %s transport', (transportName) => {
  describe('first run', () => {
    let tw: TestWorkstation;
    let h: TransportHandle;
    beforeAll(async () => {
      tw = await startTestWorkstation();
      h = await openTransport(tw, transportName);
    });
    afterAll(async () => {
      await h.close();
      await tw.close();
    });

    it('asks for the first administrator once, signs them in, then refuses a second setup', async () => {
      const client = h.client();
      expect(unwrap(await client.api.auth.setupStatus({}))).toEqual({ needsSetup: true, organizationName: null });

      const info = unwrap(await client.api.auth.setupFirstAdmin({ organizationName: ORG, ...ADMIN }));
      expect(info.user).toMatchObject({ username: ADMIN.username, displayName: ADMIN.displayName, role: 'admin' });
      expect(info.permissions).toEqual(ROLE_PERMISSIONS.admin);
      expect(client.session()).toBe(info.sessionToken);
      expect(unwrap(await client.api.auth.currentSession({})).user.username).toBe(ADMIN.username);

      const anonymous = h.client();
      expect(unwrap(await anonymous.api.auth.setupStatus({}))).toEqual({ needsSetup: false, organizationName: ORG });
      const second = await anonymous.api.auth.setupFirstAdmin({
        organizationName: 'Hijacked Clinic',
        username: 'intruder',
        displayName: 'Intruder',
        password: 'intruder password',
      });
      expect(errorCode(second)).toBe('SETUP_ALREADY_DONE');
      expect(anonymous.session()).toBeNull();
      const usernames = unwrap(await client.api.users.list({})).map((u) => u.username);
      expect(usernames).toEqual([ADMIN.username]);
      expect(unwrap(await anonymous.api.auth.setupStatus({})).organizationName).toBe(ORG);
    });
  });

  describe('with an administrator', () => {
    let tw: TestWorkstation;
    let h: TransportHandle;
    let admin: ApiClient;
    const accounts = {} as Record<Role, InputTarget>;

    async function signIn(account: { username: string; password: string }): Promise<ApiClient> {
      const client = h.client();
      unwrap(await client.api.auth.login({ username: account.username, password: account.password }));
      return client;
    }

    async function createUser(username: string, role: Role, password = `${username} password`): Promise<InputTarget> {
      const user = unwrap(await admin.api.users.create({ username, displayName: `User ${username}`, role, password }));
      return { id: user.id, username, password };
    }

    function auditRows(sinceSeq: number): AuditRow[] {
      return tw.workstation.database.raw
        .prepare('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq')
        .all(sinceSeq) as AuditRow[];
    }

    function lastSeq(): number {
      const row = tw.workstation.database.raw.prepare('SELECT max(seq) AS seq FROM audit_events').get() as { seq: number | null };
      return row.seq ?? 0;
    }

    beforeAll(async () => {
      tw = await startTestWorkstation();
      h = await openTransport(tw, transportName);
      admin = h.client();
      const info = unwrap(await admin.api.auth.setupFirstAdmin({ organizationName: ORG, ...ADMIN }));
      accounts.admin = { id: info.user.id, username: ADMIN.username, password: ADMIN.password };
      accounts.front_desk = await createUser('desk', 'front_desk');
      accounts.nurse = await createUser('nina', 'nurse');
      accounts.physician = await createUser('paul', 'physician');
    });
    afterAll(async () => {
      await h.close();
      await tw.close();
    });

    it('signs in with the right password and refuses a wrong one without a session', async () => {
      const client = h.client();
      const info = unwrap(await client.api.auth.login({ username: 'nina', password: accounts.nurse.password }));
      expect(info.user).toMatchObject({ id: accounts.nurse.id, username: 'nina', role: 'nurse' });
      expect(info.permissions).toEqual(ROLE_PERMISSIONS.nurse);
      expect(info.idleTimeoutSeconds).toBe(15 * 60);
      expect(client.session()).toBe(info.sessionToken);

      // Usernames are case-insensitive: the schema lower-cases before the lookup.
      expect((await h.client().api.auth.login({ username: ' NINA ', password: accounts.nurse.password })).ok).toBe(true);

      const wrong = h.client();
      const refused = await wrong.api.auth.login({ username: 'nina', password: 'not her password' });
      expect(refused).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Username or password is incorrect' } });
      expect(wrong.session()).toBeNull();
    });

    it('tells the signed-in user who they are, without the session token', async () => {
      const client = await signIn(accounts.physician);
      const current = unwrap(await client.api.auth.currentSession({}));
      expect(current.user).toEqual({ id: accounts.physician.id, username: 'paul', displayName: 'User paul', role: 'physician' });
      expect(current.permissions).toEqual(ROLE_PERMISSIONS.physician);
      expect(current).not.toHaveProperty('sessionToken');
      expect(Date.parse(current.expiresAt)).toBe(tw.clock.now().getTime() + 12 * 3_600_000);
    });

    it('refuses every call with a session token after logout', async () => {
      const client = await signIn(accounts.front_desk);
      const token = client.session()!;
      expect(unwrap(await client.api.auth.logout({}))).toEqual({ loggedOut: true });
      expect(client.session()).toBeNull();
      const after = await h.transport.call({ method: 'system.ping', input: {}, session: token });
      expect(errorCode(after)).toBe('UNAUTHENTICATED');
      const current = await h.transport.call({ method: 'auth.currentSession', input: {}, session: token });
      expect(errorCode(current)).toBe('UNAUTHENTICATED');
    });

    it('creates users and refuses a duplicate username, whatever its case', async () => {
      const created = unwrap(
        await admin.api.users.create({ username: 'Carla.Care', displayName: 'Carla Care', role: 'nurse', password: 'carla password 1' }),
      );
      expect(created).toMatchObject({ username: 'carla.care', displayName: 'Carla Care', role: 'nurse', active: true, version: 1, lockedUntil: null });
      const listed = unwrap(await admin.api.users.list({})).find((u) => u.id === created.id);
      expect(listed).toEqual(created);

      const duplicate = await admin.api.users.create({ username: 'CARLA.care', displayName: 'Other Carla', role: 'physician', password: 'other password 1' });
      expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'username' } });
      const count = tw.workstation.database.raw.prepare("SELECT count(*) AS n FROM users WHERE username = 'carla.care'").get() as { n: number };
      expect(count.n).toBe(1);
    });

    it('updates a user with the current version and refuses a stale version', async () => {
      const user = await createUser('vera', 'nurse');
      const before = unwrap(await admin.api.users.list({})).find((u) => u.id === user.id)!;
      const renamed = unwrap(await admin.api.users.update({ id: user.id, expectedVersion: before.version, displayName: 'Vera Vance' }));
      expect(renamed).toMatchObject({ displayName: 'Vera Vance', role: 'nurse', version: before.version + 1 });

      const stale = await admin.api.users.update({ id: user.id, expectedVersion: before.version, displayName: 'Lost Update' });
      expect(errorCode(stale)).toBe('CONFLICT');
      const after = unwrap(await admin.api.users.list({})).find((u) => u.id === user.id)!;
      expect(after.displayName).toBe('Vera Vance');

      const missing = await admin.api.users.update({ id: '00000000-0000-4000-8000-00000000dead', expectedVersion: 1, displayName: 'Nobody' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
    });

    it('deactivating a user ends their live session and refuses their sign-in until reactivated', async () => {
      const user = await createUser('dora', 'nurse');
      const dora = await signIn(user);
      const lost: string[] = [];
      dora.onSessionLost((code) => lost.push(code));
      const events = recordEvents(tw, dora);
      await events.barrier();

      const deactivated = unwrap(await admin.api.users.setActive({ id: user.id, active: false }));
      expect(deactivated.active).toBe(false);
      await events.waitFor((e) => e.name === 'session.ended');
      expect(events.events.filter((e) => e.name === 'session.ended')).toEqual([{ name: 'session.ended', payload: { reason: 'deactivated' } }]);
      events.stop();

      expect(errorCode(await dora.api.system.ping({}))).toBe('UNAUTHENTICATED');
      expect(dora.session()).toBeNull();
      expect(lost).toEqual(['UNAUTHENTICATED']);

      const refused = await h.client().api.auth.login({ username: user.username, password: user.password });
      expect(errorCode(refused)).toBe('ACCOUNT_INACTIVE');
      expect(unwrap(await admin.api.users.list({ includeInactive: false })).map((u) => u.id)).not.toContain(user.id);
      expect(unwrap(await admin.api.users.list({ includeInactive: true })).map((u) => u.id)).toContain(user.id);

      expect(unwrap(await admin.api.users.setActive({ id: user.id, active: true })).active).toBe(true);
      expect((await h.client().api.auth.login({ username: user.username, password: user.password })).ok).toBe(true);
    });

    it('resets a password: the old one stops working, the new one works, live sessions end', async () => {
      const user = await createUser('rita', 'physician');
      const rita = await signIn(user);
      const reset = unwrap(await admin.api.users.resetPassword({ id: user.id, newPassword: 'rita fresh password' }));
      expect(reset.id).toBe(user.id);
      expect(errorCode(await rita.api.system.ping({}))).toBe('UNAUTHENTICATED');
      expect(errorCode(await h.client().api.auth.login({ username: 'rita', password: user.password }))).toBe('INVALID_CREDENTIALS');
      expect((await h.client().api.auth.login({ username: 'rita', password: 'rita fresh password' })).ok).toBe(true);
    });

    it('unlocks an account locked by repeated failed sign-ins', async () => {
      const user = await createUser('luke', 'nurse');
      for (let i = 0; i < 5; i += 1) {
        expect(errorCode(await h.client().api.auth.login({ username: 'luke', password: `wrong guess ${i}` }))).toBe('INVALID_CREDENTIALS');
      }
      expect(errorCode(await h.client().api.auth.login({ username: user.username, password: user.password }))).toBe('ACCOUNT_LOCKED');
      const locked = unwrap(await admin.api.users.list({})).find((u) => u.id === user.id)!;
      expect(locked.lockedUntil).not.toBeNull();

      const unlocked = unwrap(await admin.api.users.unlock({ id: user.id }));
      expect(unlocked.lockedUntil).toBeNull();
      expect((await h.client().api.auth.login({ username: user.username, password: user.password })).ok).toBe(true);
    });

    it('refuses to let an administrator deactivate themselves or change their own role', async () => {
      const self = accounts.admin.id;
      expect(await admin.api.users.setActive({ id: self, active: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'id' } });
      const me = unwrap(await admin.api.users.list({})).find((u) => u.id === self)!;
      expect(await admin.api.users.update({ id: self, expectedVersion: me.version, role: 'nurse' })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', field: 'role' },
      });
      const still = unwrap(await admin.api.users.list({})).find((u) => u.id === self)!;
      expect(still).toMatchObject({ active: true, role: 'admin' });
      expect(unwrap(await admin.api.auth.currentSession({})).user.role).toBe('admin');
    });

    it('keeps at least one active administrator when two administrators remove each other at once', async () => {
      const second = await createUser('second.admin', 'admin');
      const other = await signIn(second);
      const [a, b] = await Promise.all([
        admin.api.users.setActive({ id: second.id, active: false }),
        other.api.users.setActive({ id: accounts.admin.id, active: false }),
      ]);
      const activeAdmins = tw.workstation.database.raw
        .prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND deleted = 0")
        .get() as { n: number };
      expect(activeAdmins.n).toBe(1);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      // Whoever lost was refused with a conflict or lost their session mid-call.
      const loser = a.ok ? b : a;
      expect(['CONFLICT', 'UNAUTHENTICATED']).toContain(errorCode(loser));

      // Leave the suite with the original administrator active and signed in.
      if (!a.ok) {
        const restorer = await signIn(second);
        unwrap(await restorer.api.users.setActive({ id: accounts.admin.id, active: true }));
        admin = await signIn(accounts.admin);
        unwrap(await admin.api.users.setActive({ id: second.id, active: false }));
      }
    });

    it('enforces the role × permission table on every contract method', async () => {
      const target = await createUser('matrix.target', 'nurse');
      // auth.logout ends the caller's session, so it runs last for each role.
      const methods = [...METHOD_NAMES.filter((m) => m !== 'auth.logout'), 'auth.logout' as const];
      expect(new Set(methods)).toEqual(new Set(METHOD_NAMES));
      const outcomes: string[] = [];
      for (const role of ROLES) {
        const caller = await signIn(accounts[role]);
        const session = caller.session();
        for (const method of methods) {
          const result = await h.transport.call({ method, input: validInput(method, target), session });
          const code = errorCode(result);
          const allowed = roleMay(role, method);
          outcomes.push(`${role} ${method} ${allowed ? 'allowed' : 'forbidden'}`);
          if (allowed) {
            expect(code, `${role} calling ${method}`).not.toBe('FORBIDDEN');
            // The inputs are valid and the session live: anything else is the handler's own answer.
            expect(['VALIDATION', 'UNAUTHENTICATED', 'SESSION_EXPIRED', 'INTERNAL'], `${role} calling ${method}: ${code}`).not.toContain(code);
          } else {
            expect(result, `${role} calling ${method}`).toEqual({
              ok: false,
              error: { code: 'FORBIDDEN', message: `Your role is not allowed to do this (${method})` },
            });
          }
        }
      }
      expect(outcomes).toHaveLength(ROLES.length * METHOD_NAMES.length);
      // The table is not trivially all-or-nothing: every role but admin is refused something.
      for (const role of ROLES.filter((r) => r !== 'admin')) {
        expect(outcomes.filter((o) => o.startsWith(`${role} `) && o.endsWith('forbidden')).length, role).toBeGreaterThan(0);
      }
    });

    it('refuses non-public methods without a session or with an unknown token, and serves public ones', async () => {
      for (const method of METHOD_NAMES) {
        const input = validInput(method, accounts.nurse);
        for (const session of [null, 'made-up-session-token']) {
          const result = await h.transport.call({ method, input, session });
          if (appContract[method].access === 'public') {
            expect(errorCode(result), `${method} with ${session}`).not.toBe('UNAUTHENTICATED');
          } else {
            expect(errorCode(result), `${method} with ${session}`).toBe('UNAUTHENTICATED');
          }
        }
      }
    });

    it('answers an unknown method with UNKNOWN_METHOD, signed in or not', async () => {
      for (const method of ['users.drop', 'users', '', 'constructor', '__proto__', 'toString', 'users.list.extra']) {
        const result = await h.transport.call({ method, input: {}, session: admin.session() });
        expect(errorCode(result), method).toBe('UNKNOWN_METHOD');
        expect(errorCode(await h.transport.call({ method, input: {}, session: null })), method).toBe('UNKNOWN_METHOD');
      }
    });

    it('writes one audit event per call, for ok, denied, invalid and unauthenticated calls alike', async () => {
      const desk = await signIn(accounts.front_desk);
      const since = lastSeq();
      const at = tw.clock.now().toISOString();

      unwrap(await admin.api.system.ping({ echo: 'audit me' }));
      expect(errorCode(await desk.api.users.list({}))).toBe('FORBIDDEN');
      expect(errorCode(await admin.api.users.create({ username: 'x', displayName: 'X', role: 'nurse', password: 'short' }))).toBe('VALIDATION');
      expect(errorCode(await h.transport.call({ method: 'users.list', input: {}, session: null }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await h.client().api.auth.login({ username: 'nina', password: 'wrong password' }))).toBe('INVALID_CREDENTIALS');

      const rows = auditRows(since);
      const transport = transportName === 'bridge' ? 'bridge' : 'in-process';
      const common = { at, patient_id: null, transport };
      expect(rows).toEqual([
        expect.objectContaining({ ...common, user_id: accounts.admin.id, username: 'admin', action: 'system.ping', outcome: 'ok', error_code: null }),
        expect.objectContaining({ ...common, user_id: accounts.front_desk.id, username: 'desk', action: 'users.list', outcome: 'denied', error_code: 'FORBIDDEN' }),
        expect.objectContaining({ ...common, user_id: accounts.admin.id, username: 'admin', action: 'users.create', outcome: 'invalid', error_code: 'VALIDATION' }),
        expect.objectContaining({ ...common, user_id: null, username: null, action: 'users.list', outcome: 'unauthenticated', error_code: 'UNAUTHENTICATED' }),
        expect.objectContaining({ ...common, user_id: accounts.nurse.id, username: 'nina', action: 'auth.login', outcome: 'error', error_code: 'INVALID_CREDENTIALS' }),
      ]);

      // The same events through the API, newest first, for an administrator.
      const listed = unwrap(await admin.api.audit.list({ limit: 5 }));
      expect(listed.map((e) => [e.action, e.outcome])).toEqual([
        ['auth.login', 'error'],
        ['users.list', 'unauthenticated'],
        ['users.create', 'invalid'],
        ['users.list', 'denied'],
        ['system.ping', 'ok'],
      ]);
      const denied = unwrap(await admin.api.audit.list({ outcome: 'denied', userId: accounts.front_desk.id }));
      expect(denied[0]).toMatchObject({ action: 'users.list', username: 'desk', at });
    });

    it('pushes users.changed to administrators only', async () => {
      const watcher = await signIn(accounts.admin);
      const desk = await signIn(accounts.front_desk);
      const adminEvents = recordEvents(tw, watcher);
      const deskEvents = recordEvents(tw, desk);
      await Promise.all([adminEvents.barrier(), deskEvents.barrier()]);

      const created = await createUser('evan', 'nurse');
      const seen = await adminEvents.waitFor((e) => e.name === 'users.changed');
      expect(seen.payload).toEqual({ userId: created.id, change: 'created' });
      // Anything published before the barrier that was going to reach the front desk has arrived.
      await deskEvents.barrier();
      expect(deskEvents.events.filter((e) => e.name !== 'system.heartbeat')).toEqual([]);
      adminEvents.stop();
      deskEvents.stop();
    });
  });
});
