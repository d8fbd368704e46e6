import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type PushEvent } from '../../../common/contract';
import { createApiClient, type ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import { materializeClient } from '../../../common/rpc/materialize-client';
import type { RpcRequest, RpcTransport } from '../../../common/rpc/transport';

const SESSION_INFO = (token: string) => ({
  sessionToken: token,
  expiresAt: '2026-03-02T20:00:00.000Z',
  idleTimeoutSeconds: 900,
  user: { id: 'u1', username: 'nina', displayName: 'Nina', role: 'nurse' },
  permissions: ['session.self'],
});

interface Subscription {
  session: string | null;
  listener: (event: PushEvent) => void;
  active: boolean;
}

/** A transport that records what the client sends and answers from a script. */
function fakeTransport(answer: (request: RpcRequest) => Result<unknown> = () => ({ ok: true, value: {} })) {
  const calls: RpcRequest[] = [];
  const subscriptions: Subscription[] = [];
  const transport: RpcTransport = {
    async call(request) {
      calls.push(request);
      return answer(request);
    },
    subscribe(session, listener) {
      const sub: Subscription = { session, listener, active: true };
      subscriptions.push(sub);
      return () => {
        sub.active = false;
      };
    },
  };
  const active = () => subscriptions.filter((s) => s.active);
  const push = (event: PushEvent) => {
    for (const s of active()) s.listener(event);
  };
  return { transport, calls, subscriptions, active, push };
}

function scripted(script: Record<string, Result<unknown>>) {
  return fakeTransport((request) => script[request.method] ?? { ok: true, value: {} });
}

const heartbeat: PushEvent = { name: 'system.heartbeat', payload: { at: '2026-03-02T08:00:00.000Z' } };

describe('the proxy client', () => {
  it('turns api.<namespace>.<function>(input) into a call of "<namespace>.<function>"', async () => {
    const fake = fakeTransport(() => ({ ok: true, value: ['x'] }));
    const client = createApiClient(fake.transport);
    const result = await client.api.users.list({ includeInactive: false });
    expect(result).toEqual({ ok: true, value: ['x'] });
    await client.api.audit.list({ limit: 3 });
    expect(fake.calls).toEqual([
      { method: 'users.list', input: { includeInactive: false }, session: null },
      { method: 'audit.list', input: { limit: 3 }, session: null },
    ]);
    // Names are not checked on the client: main answers unknown ones.
    await (client.api as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>).nope!.nothing!({});
    expect(fake.calls.at(-1)!.method).toBe('nope.nothing');
  });

  it('keeps the session token from auth.login and sends it with later calls', async () => {
    const fake = scripted({ 'auth.login': { ok: true, value: SESSION_INFO('tok-1') } });
    const client = createApiClient(fake.transport);
    await client.api.auth.login({ username: 'nina', password: 'pw' });
    expect(client.session()).toBe('tok-1');
    await client.api.system.ping({});
    expect(fake.calls.at(-1)).toEqual({ method: 'system.ping', input: {}, session: 'tok-1' });
  });

  it('keeps the session token from first-run setup too', async () => {
    const fake = scripted({ 'auth.setupFirstAdmin': { ok: true, value: SESSION_INFO('tok-setup') } });
    const client = createApiClient(fake.transport);
    await client.api.auth.setupFirstAdmin({ organizationName: 'C', username: 'ada', displayName: 'Ada', password: 'long password' });
    expect(client.session()).toBe('tok-setup');
  });

  it('keeps the current session when a sign-in fails', async () => {
    const fake = scripted({ 'auth.login': { ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'no' } } });
    const client = createApiClient(fake.transport, 'tok-old');
    await client.api.auth.login({ username: 'nina', password: 'wrong' });
    expect(client.session()).toBe('tok-old');
  });

  it('forgets the session on logout', async () => {
    const fake = scripted({ 'auth.logout': { ok: true, value: { loggedOut: true } } });
    const client = createApiClient(fake.transport, 'tok-1');
    await client.api.auth.logout({});
    expect(fake.calls[0]!.session).toBe('tok-1');
    expect(client.session()).toBeNull();
  });

  it('forgets the session and tells listeners when main says it expired or is unknown', async () => {
    for (const code of ['SESSION_EXPIRED', 'UNAUTHENTICATED'] as const) {
      const fake = scripted({ 'system.ping': { ok: false, error: { code, message: 'ended' } } });
      const client = createApiClient(fake.transport, 'tok-1');
      const lost: string[] = [];
      client.onSessionLost((c) => lost.push(c));
      await client.api.system.ping({});
      expect(client.session()).toBeNull();
      expect(lost).toEqual([code]);
      // Without a session there is nothing more to lose.
      await client.api.system.ping({});
      expect(lost).toEqual([code]);
    }
  });

  it('keeps the session on other errors', async () => {
    const fake = scripted({ 'users.list': { ok: false, error: { code: 'FORBIDDEN', message: 'no' } } });
    const client = createApiClient(fake.transport, 'tok-1');
    const lost: string[] = [];
    client.onSessionLost((c) => lost.push(c));
    await client.api.users.list({});
    expect(client.session()).toBe('tok-1');
    expect(lost).toEqual([]);
  });

  it('stops telling a session-lost listener once it unsubscribes', async () => {
    const fake = scripted({ 'system.ping': { ok: false, error: { code: 'SESSION_EXPIRED', message: 'ended' } } });
    const client = createApiClient(fake.transport, 'tok-1');
    const lost: string[] = [];
    const off = client.onSessionLost((c) => lost.push(c));
    off();
    await client.api.system.ping({});
    expect(lost).toEqual([]);
  });
});

describe('the proxy client’s events', () => {
  it('subscribes once, with the current session, and fans events out to every listener', () => {
    const fake = fakeTransport();
    const client = createApiClient(fake.transport, 'tok-1');
    expect(fake.subscriptions).toHaveLength(0);
    const a: PushEvent[] = [];
    const b: PushEvent[] = [];
    client.onEvent((e) => a.push(e));
    client.onEvent((e) => b.push(e));
    expect(fake.subscriptions.map((s) => s.session)).toEqual(['tok-1']);
    fake.push(heartbeat);
    expect(a).toEqual([heartbeat]);
    expect(b).toEqual([heartbeat]);
  });

  it('re-subscribes with the new session whenever the session changes', async () => {
    const fake = scripted({
      'auth.login': { ok: true, value: SESSION_INFO('tok-2') },
      'auth.logout': { ok: true, value: { loggedOut: true } },
    });
    const client = createApiClient(fake.transport);
    client.onEvent(() => undefined);
    await client.api.auth.login({ username: 'nina', password: 'pw' });
    client.setSession('tok-2'); // unchanged: no new subscription
    await client.api.auth.logout({});
    client.setSession('tok-3');
    expect(fake.subscriptions.map((s) => s.session)).toEqual([null, 'tok-2', null, 'tok-3']);
    expect(fake.active().map((s) => s.session)).toEqual(['tok-3']);
  });

  it('re-subscribes without a session after main reports the session lost', async () => {
    const fake = scripted({ 'system.ping': { ok: false, error: { code: 'SESSION_EXPIRED', message: 'ended' } } });
    const client = createApiClient(fake.transport, 'tok-1');
    client.onEvent(() => undefined);
    await client.api.system.ping({});
    expect(fake.active().map((s) => s.session)).toEqual([null]);
  });

  it('unsubscribes from the transport when the last listener leaves', () => {
    const fake = fakeTransport();
    const client = createApiClient(fake.transport, 'tok-1');
    const offA = client.onEvent(() => undefined);
    const got: PushEvent[] = [];
    const offB = client.onEvent((e) => got.push(e));
    offA();
    expect(fake.active()).toHaveLength(1);
    fake.push(heartbeat);
    expect(got).toHaveLength(1);
    offB();
    expect(fake.active()).toHaveLength(0);
    // A session change with nobody listening opens nothing.
    client.setSession('tok-2');
    expect(fake.subscriptions).toHaveLength(1);
  });
});

describe('materializeClient', () => {
  function materialized(): { plain: ApiClient; fake: ReturnType<typeof fakeTransport>; inner: ApiClient } {
    const fake = scripted({ 'auth.login': { ok: true, value: SESSION_INFO('tok-m') } });
    const inner = createApiClient(fake.transport);
    return { plain: materializeClient(inner), fake, inner };
  }

  it('exposes exactly one plain function per contract method, with no Proxy anywhere', () => {
    const { plain } = materialized();
    const api = plain.api as unknown as Record<string, Record<string, unknown>>;
    expect(types.isProxy(api)).toBe(false);
    const exposed = Object.entries(api).flatMap(([ns, fns]) => {
      expect(types.isProxy(fns), ns).toBe(false);
      expect(Object.getPrototypeOf(fns), ns).toBe(Object.prototype);
      return Object.entries(fns).map(([fn, value]) => {
        expect(typeof value, `${ns}.${fn}`).toBe('function');
        return `${ns}.${fn}`;
      });
    });
    expect(exposed.sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('forwards every method to the underlying client under its contract name', async () => {
    const { plain, fake } = materialized();
    const api = plain.api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    for (const name of METHOD_NAMES) {
      const [ns, fn] = name.split('.') as [string, string];
      await api[ns]![fn]!({ probe: name });
    }
    expect(fake.calls.map((c) => [c.method, c.input])).toEqual(METHOD_NAMES.map((m) => [m, { probe: m }]));
  });

  it('shares the session and events of the client it wraps', async () => {
    const { plain, inner, fake } = materialized();
    await plain.api.auth.login({ username: 'nina', password: 'pw' });
    expect(inner.session()).toBe('tok-m');
    // The exposed client never hands the token to page scripts; it only says one is held.
    expect(plain.session()).toBeNull();
    expect(plain.hasSession()).toBe(true);
    plain.setSession('tok-n');
    expect(inner.session()).toBe('tok-n');
    const got: PushEvent[] = [];
    plain.onEvent((e) => got.push(e));
    fake.push(heartbeat);
    expect(got).toEqual([heartbeat]);
  });
});
