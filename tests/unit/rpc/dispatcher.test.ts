import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { AuditRecord } from '../../../common/domain/audit';
import type { Role } from '../../../common/domain/roles';
import {
  createDispatcher,
  type ActiveSession,
  type AuditSink,
  type Handlers,
  type SessionLookup,
  type SessionResolver,
  type TransportKind,
} from '../../../common/rpc/dispatcher';
import { AppError, type Result } from '../../../common/rpc/errors';
import { method } from '../../../common/rpc/method';

/** A tiny contract with one method per behaviour under test. */
const contract = {
  'chart.read': method({
    summary: 'read a chart',
    access: 'clinical.read',
    input: z.strictObject({ patientId: z.string().min(1), note: z.string().max(10).optional() }),
    output: z.object({ text: z.string() }),
    patientIdOf: (input) => input.patientId,
  }),
  'staff.show': method({
    summary: 'show a staff account',
    access: 'users.manage',
    input: z.strictObject({ id: z.string().min(3) }),
    output: z.object({ id: z.string(), username: z.string() }),
  }),
  'clinic.hello': method({
    summary: 'public greeting',
    access: 'public',
    input: z.strictObject({}),
    output: z.object({ greeting: z.string() }),
  }),
  'clinic.fail': method({
    summary: 'fails as told',
    access: 'public',
    input: z.strictObject({ how: z.enum(['not-found', 'forbidden', 'validation', 'crash', 'bad-output']) }),
    output: z.object({ n: z.number() }),
  }),
} as const;
type TestContract = typeof contract;

const SESSIONS: Record<string, ActiveSession> = {
  'nurse-token': { token: 'nurse-token', userId: 'u-nurse', username: 'nina', role: 'nurse' },
  'desk-token': { token: 'desk-token', userId: 'u-desk', username: 'dee', role: 'front_desk' },
  'admin-token': { token: 'admin-token', userId: 'u-admin', username: 'ada', role: 'admin' as Role },
};

function setup(options: { audit?: AuditSink } = {}) {
  const records: AuditRecord[] = [];
  const internalErrors: { method: string; error: unknown }[] = [];
  const resolve = vi.fn((token: string): SessionLookup => {
    if (token === 'expired-token') return { ok: false, code: 'SESSION_EXPIRED', message: 'Your session has ended' };
    const session = SESSIONS[token];
    return session ? { ok: true, session } : { ok: false, code: 'UNAUTHENTICATED', message: 'Please sign in first' };
  });
  const sessions: SessionResolver = { resolve };
  const handlers = {
    'chart.read': vi.fn((input: { patientId: string }) => ({ text: `chart of ${input.patientId}` })),
    'staff.show': vi.fn((input: { id: string }) => ({ id: input.id, username: 'vera', passwordHash: '$argon2id$v=19$secret', mfaSecret: 'JBSWY3DP' })),
    'clinic.hello': vi.fn((_input: unknown, ctx: { auditUser(u: { id: string; username: string }): void; auditPatient(p: string): void }) => {
      ctx.auditUser({ id: 'u-named', username: 'named.user' });
      ctx.auditPatient('p-from-handler');
      return { greeting: 'hello' };
    }),
    'clinic.fail': vi.fn((input: { how: string }) => {
      switch (input.how) {
        case 'not-found':
          throw new AppError('NOT_FOUND', 'No such chart', 'patientId');
        case 'forbidden':
          throw new AppError('FORBIDDEN', 'Not your patient');
        case 'validation':
          throw new AppError('VALIDATION', 'Dates overlap', 'end');
        case 'crash':
          throw new Error('SQLITE_CORRUPT at /home/clinic/secret/path.db');
        default:
          return { n: 'not a number' };
      }
    }),
  };
  const dispatcher = createDispatcher(contract, handlers as unknown as Handlers<TestContract>, {
    sessions,
    audit: options.audit ?? { record: (r) => void records.push(r) },
    onInternalError: (m, error) => internalErrors.push({ method: m, error }),
  });
  const call = (m: string, input: unknown, session: string | null = null, transport: TransportKind = 'in-process') =>
    dispatcher.dispatch({ method: m, input, session }, transport);
  return { call, dispatcher, records, internalErrors, handlers, resolve };
}

function codeOf(result: Result<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

describe('the dispatcher', () => {
  it('runs a permitted call and returns {ok:true, value}', async () => {
    const { call, handlers } = setup();
    expect(await call('chart.read', { patientId: 'p1' }, 'nurse-token')).toEqual({ ok: true, value: { text: 'chart of p1' } });
    expect(handlers['chart.read']).toHaveBeenCalledOnce();
  });

  it('answers an unknown method, including Object.prototype names, with UNKNOWN_METHOD', async () => {
    const { call, dispatcher, handlers } = setup();
    for (const m of ['chart.delete', '', 'constructor', '__proto__', 'hasOwnProperty', 'toString']) {
      const result = await call(m, {}, 'admin-token');
      expect(codeOf(result), m).toBe('UNKNOWN_METHOD');
    }
    // Garbage instead of a request does not throw.
    expect(codeOf(await dispatcher.dispatch(null as never, 'bridge'))).toBe('UNKNOWN_METHOD');
    expect(codeOf(await dispatcher.dispatch({ method: 42 } as never, 'bridge'))).toBe('UNKNOWN_METHOD');
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a non-public call without a session, with an unknown one, or an expired one', async () => {
    const { call, handlers } = setup();
    expect(codeOf(await call('chart.read', { patientId: 'p1' }, null))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call('chart.read', { patientId: 'p1' }, 'made-up'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call('chart.read', { patientId: 'p1' }, ''))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call('chart.read', { patientId: 'p1' }, 'expired-token'))).toBe('SESSION_EXPIRED');
    expect(handlers['chart.read']).not.toHaveBeenCalled();
  });

  it('ignores an absurdly long session token without looking it up', async () => {
    const { call, resolve } = setup();
    expect(codeOf(await call('chart.read', { patientId: 'p1' }, 'x'.repeat(100_000)))).toBe('UNAUTHENTICATED');
    expect(resolve).not.toHaveBeenCalled();
  });

  it('serves a public method without a session, and with an expired one as anonymous', async () => {
    const { call, records } = setup();
    expect((await call('clinic.hello', {}, null)).ok).toBe(true);
    expect((await call('clinic.hello', {}, 'expired-token')).ok).toBe(true);
    expect(records.map((r) => r.outcome)).toEqual(['ok', 'ok']);
  });

  it('checks the session and the permission before the input: a forbidden caller with bad input gets FORBIDDEN', async () => {
    const { call, handlers, records } = setup();
    const result = await call('staff.show', { id: 42, extra: '<script>' }, 'nurse-token');
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role is not allowed to do this (staff.show)' } });
    // ...and an anonymous caller with bad input hears only that they must sign in.
    expect(codeOf(await call('staff.show', 'not even an object', null))).toBe('UNAUTHENTICATED');
    expect(handlers['staff.show']).not.toHaveBeenCalled();
    expect(records.map((r) => [r.outcome, r.errorCode, r.username])).toEqual([
      ['denied', 'FORBIDDEN', 'nina'],
      ['unauthenticated', 'UNAUTHENTICATED', null],
    ]);
  });

  it('validates the input of a permitted caller and names the field at fault', async () => {
    const { call, handlers } = setup();
    expect(await call('staff.show', { id: 42 }, 'admin-token')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'id' } });
    expect(await call('staff.show', { id: 'abcd', isAdmin: true }, 'admin-token')).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Unknown field: isAdmin', field: 'isAdmin' },
    });
    const whole = await call('staff.show', 42, 'admin-token');
    expect(whole).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(whole.ok === false && whole.error.field).toBeUndefined();
    // An explicit null is a wrong type, not "no input".
    expect(codeOf(await call('clinic.hello', null))).toBe('VALIDATION');
    expect(codeOf(await call('clinic.hello', undefined))).toBeNull();
    expect(handlers['staff.show']).not.toHaveBeenCalled();
  });

  it('strips from the output whatever the contract does not declare', async () => {
    const { call } = setup();
    const result = await call('staff.show', { id: 'u-vera' }, 'admin-token');
    expect(result).toEqual({ ok: true, value: { id: 'u-vera', username: 'vera' } });
    expect(JSON.stringify(result)).not.toMatch(/argon2|passwordHash|mfaSecret/);
  });

  it('turns an AppError into its code, message and field, with the matching audit outcome', async () => {
    const { call, records, internalErrors } = setup();
    expect(await call('clinic.fail', { how: 'not-found' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such chart', field: 'patientId' },
    });
    expect(await call('clinic.fail', { how: 'forbidden' })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Not your patient' } });
    expect(codeOf(await call('clinic.fail', { how: 'validation' }))).toBe('VALIDATION');
    expect(records.map((r) => [r.outcome, r.errorCode])).toEqual([
      ['error', 'NOT_FOUND'],
      ['denied', 'FORBIDDEN'],
      ['invalid', 'VALIDATION'],
    ]);
    expect(internalErrors).toEqual([]);
  });

  it('turns any other exception into INTERNAL with a generic message, and reports it', async () => {
    const { call, records, internalErrors } = setup();
    const result = await call('clinic.fail', { how: 'crash' });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in the workstation; the error was logged' } });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|secret|\bat\b|\.db/);
    expect(internalErrors).toHaveLength(1);
    expect(internalErrors[0]!.method).toBe('clinic.fail');
    expect(String(internalErrors[0]!.error)).toContain('SQLITE_CORRUPT');
    expect(records.map((r) => [r.outcome, r.errorCode])).toEqual([['error', 'INTERNAL']]);
  });

  it('refuses to return an output that does not match the contract', async () => {
    const { call, internalErrors, records } = setup();
    const result = await call('clinic.fail', { how: 'bad-output' });
    expect(codeOf(result)).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toContain('not a number');
    expect(internalErrors).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'error', errorCode: 'INTERNAL' });
  });

  it('writes exactly one audit record per call, whatever the outcome', async () => {
    const { call, records } = setup();
    const calls: [string, unknown, string | null][] = [
      ['chart.read', { patientId: 'p1' }, 'nurse-token'],
      ['chart.read', { patientId: '' }, 'nurse-token'],
      ['chart.read', { patientId: 'p1' }, 'desk-token'],
      ['chart.read', { patientId: 'p1' }, null],
      ['chart.nope', {}, 'nurse-token'],
      ['clinic.fail', { how: 'crash' }, null],
      ['clinic.fail', { how: 'not-found' }, 'admin-token'],
    ];
    for (const [m, input, session] of calls) await call(m, input, session, 'bridge');
    expect(records).toHaveLength(calls.length);
    expect(records.map((r) => r.outcome)).toEqual(['ok', 'invalid', 'denied', 'unauthenticated', 'invalid', 'error', 'error']);
    expect(records.every((r) => r.transport === 'bridge')).toBe(true);
    expect(records[0]).toEqual({
      userId: 'u-nurse',
      username: 'nina',
      action: 'chart.read',
      patientId: 'p1',
      outcome: 'ok',
      errorCode: null,
      transport: 'bridge',
    });
    expect(records[4]).toMatchObject({ action: 'chart.nope', errorCode: 'UNKNOWN_METHOD', userId: null });
    expect(records[6]).toMatchObject({ userId: 'u-admin', errorCode: 'NOT_FOUND' });
  });

  it('records the patient named by patientIdOf, and the one a handler names', async () => {
    const { call, records } = setup();
    await call('chart.read', { patientId: 'p-42' }, 'nurse-token');
    await call('chart.read', { patientId: 'p-43' }, 'desk-token');
    await call('clinic.hello', {});
    expect(records[0]!.patientId).toBe('p-42');
    // A denied call never parsed its input, so it names no patient.
    expect(records[1]).toMatchObject({ outcome: 'denied', patientId: null });
    // A public call names the user and patient the handler says it concerns.
    expect(records[2]).toMatchObject({ userId: 'u-named', username: 'named.user', patientId: 'p-from-handler' });
  });

  it('keeps the caller’s answer when the audit sink fails, and reports the failure', async () => {
    for (const audit of [
      { record: () => Promise.reject(new Error('disk full')) },
      {
        record: () => {
          throw new Error('disk full');
        },
      },
    ] satisfies AuditSink[]) {
      const { call, internalErrors } = setup({ audit });
      expect(await call('chart.read', { patientId: 'p1' }, 'nurse-token')).toEqual({ ok: true, value: { text: 'chart of p1' } });
      expect(codeOf(await call('staff.show', {}, 'nurse-token'))).toBe('FORBIDDEN');
      expect(internalErrors.map((e) => e.method)).toEqual(['audit', 'audit']);
    }
  });

  it('truncates an absurd method name in the audit record', async () => {
    const { call, records } = setup();
    await call('x'.repeat(10_000), {});
    expect(records[0]!.action.length).toBeLessThanOrEqual(100);
  });
});
