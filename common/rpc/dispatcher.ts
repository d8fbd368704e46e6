import type { z } from 'zod';
import type { AuditOutcome, AuditRecord } from '../domain/audit';
import type { Permission } from '../domain/permissions';
import type { Role } from '../domain/roles';
import { roleHasPermission } from '../domain/permissions';
import { AppError, type ApiError, type Result } from './errors';
import type { ContractShape } from './method';
import type { RpcRequest } from './transport';
import { validationErrorFrom } from './validation-error';

export type TransportKind = 'in-process' | 'ipc' | 'bridge';

/** The signed-in user behind a call, as the session store knows them. */
export interface ActiveSession {
  token: string;
  userId: string;
  username: string;
  role: Role;
}

export type SessionLookup =
  | { ok: true; session: ActiveSession }
  | { ok: false; code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED'; message: string };

export interface SessionResolver {
  resolve(token: string): SessionLookup;
}

export interface AuditSink {
  record(event: AuditRecord): void | Promise<void>;
}

export interface HandlerContext {
  readonly session: ActiveSession | null;
  readonly transport: TransportKind;
  /** For public calls such as login: name the user the audit event is about. */
  auditUser(user: { id: string; username: string }): void;
  /** Name the patient the call concerns when the input does not say it directly. */
  auditPatient(patientId: string): void;
}

export type Handler<D extends ContractShape[string]> = (
  input: z.output<D['input']>,
  ctx: HandlerContext,
) => z.input<D['output']> | Promise<z.input<D['output']>>;

export type Handlers<C extends ContractShape> = { [K in keyof C]: Handler<C[K]> };

export interface DispatcherDeps {
  sessions: SessionResolver;
  audit: AuditSink;
  /** Where unexpected exceptions go (logs); their details never reach the renderer. */
  onInternalError?: (method: string, error: unknown) => void;
}

export interface Dispatcher {
  dispatch(request: RpcRequest, transport: TransportKind): Promise<Result<unknown>>;
}

interface CallState {
  userId: string | null;
  username: string | null;
  patientId: string | null;
}

/**
 * validate -> authorize -> handler -> audit. Authentication and authorization run before input
 * validation so a caller without the right learns nothing about a method's schema.
 */
export function createDispatcher<C extends ContractShape>(
  contract: C,
  handlers: Handlers<C>,
  deps: DispatcherDeps,
): Dispatcher {
  async function dispatch(request: RpcRequest, transport: TransportKind): Promise<Result<unknown>> {
    const state: CallState = { userId: null, username: null, patientId: null };
    const action = typeof request?.method === 'string' ? request.method.slice(0, 100) : '(none)';

    const finish = async (outcome: AuditOutcome, result: Result<unknown>): Promise<Result<unknown>> => {
      await writeAudit(deps, {
        userId: state.userId,
        username: state.username,
        action,
        patientId: state.patientId,
        outcome,
        errorCode: result.ok ? null : result.error.code,
        transport,
      });
      return result;
    };

    const def = Object.prototype.hasOwnProperty.call(contract, action) ? contract[action] : undefined;
    if (!def) return finish('invalid', failure('UNKNOWN_METHOD', `Unknown method: ${action}`));

    let session: ActiveSession | null = null;
    if (typeof request.session === 'string' && request.session.length > 0 && request.session.length <= 200) {
      const lookup = deps.sessions.resolve(request.session);
      if (lookup.ok) session = lookup.session;
      else if (def.access !== 'public') return finish('unauthenticated', failure(lookup.code, lookup.message));
    }
    if (session) {
      state.userId = session.userId;
      state.username = session.username;
    }

    if (def.access !== 'public') {
      if (!session) return finish('unauthenticated', failure('UNAUTHENTICATED', 'Please sign in first'));
      if (!roleHasPermission(session.role, def.access as Permission)) {
        return finish('denied', failure('FORBIDDEN', `Your role is not allowed to do this (${action})`));
      }
    }

    // An omitted input means "no fields" (JSON drops `undefined`); an explicit null is a wrong type.
    const parsed = def.input.safeParse(request.input === undefined ? {} : request.input);
    if (!parsed.success) return finish('invalid', { ok: false, error: validationErrorFrom(parsed.error) });
    state.patientId = def.patientIdOf?.(parsed.data) ?? null;

    const ctx: HandlerContext = {
      session,
      transport,
      auditUser(user) {
        state.userId = user.id;
        state.username = user.username;
      },
      auditPatient(patientId) {
        state.patientId = patientId;
      },
    };

    let output: unknown;
    try {
      const handler = handlers[action] as Handler<typeof def>;
      output = await handler(parsed.data, ctx);
    } catch (error) {
      if (error instanceof AppError) {
        const outcome: AuditOutcome =
          error.code === 'VALIDATION' ? 'invalid' : error.code === 'FORBIDDEN' ? 'denied' : 'error';
        return finish(outcome, { ok: false, error: error.toApiError() });
      }
      deps.onInternalError?.(action, error);
      return finish('error', failure('INTERNAL', 'Something went wrong in the workstation; the error was logged'));
    }

    // The output schema strips anything the handler returned beyond the contract (hashes, keys).
    const checked = def.output.safeParse(output);
    if (!checked.success) {
      deps.onInternalError?.(action, checked.error);
      return finish('error', failure('INTERNAL', 'The workstation produced an invalid answer; the error was logged'));
    }
    return finish('ok', { ok: true, value: checked.data });
  }

  return { dispatch };
}

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

async function writeAudit(deps: DispatcherDeps, record: AuditRecord): Promise<void> {
  try {
    await deps.audit.record(record);
  } catch (error) {
    deps.onInternalError?.('audit', error);
  }
}
