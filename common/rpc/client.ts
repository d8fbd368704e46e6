import type { AppApi, PushEvent } from '../contract';
import type { Result } from './errors';
import type { RpcTransport } from './transport';

export interface ApiClient {
  /** The typed API: `client.api.users.create({...})`. */
  readonly api: AppApi;
  /** The current session token (set by sign-in, cleared by sign-out or expiry). Not exposed by the preload. */
  session(): string | null;
  /** Whether a session is held, without revealing its token. */
  hasSession(): boolean;
  setSession(token: string | null): void;
  /** Push events for the current session; re-subscribes when the session changes. */
  onEvent(listener: (event: PushEvent) => void): () => void;
  /** Told when main reports the session is no longer valid. */
  onSessionLost(listener: (code: string) => void): () => void;
}

const SESSION_STARTERS = new Set(['auth.login', 'auth.setupFirstAdmin']);
const SESSION_LOST = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);

/**
 * One generic proxy turns the contract into a client, whatever the transport (the VS Code
 * ProxyChannel idea): transports stay interchangeable and tests run the same calls over each.
 */
export function createApiClient(transport: RpcTransport, initialSession: string | null = null): ApiClient {
  let token = initialSession;
  const eventListeners = new Set<(event: PushEvent) => void>();
  const lostListeners = new Set<(code: string) => void>();
  let unsubscribe: (() => void) | null = null;

  const resubscribe = () => {
    unsubscribe?.();
    unsubscribe = null;
    if (eventListeners.size === 0) return;
    unsubscribe = transport.subscribe(token, (event) => {
      for (const listener of eventListeners) listener(event);
    });
  };

  const setSession = (next: string | null) => {
    if (next === token) return;
    token = next;
    resubscribe();
  };

  async function call(method: string, input: unknown): Promise<Result<unknown>> {
    const result = await transport.call({ method, input, session: token });
    if (result.ok && SESSION_STARTERS.has(method)) {
      setSession((result.value as { sessionToken: string }).sessionToken);
    } else if (method === 'auth.logout' && result.ok) {
      setSession(null);
    } else if (!result.ok && token !== null && SESSION_LOST.has(result.error.code)) {
      setSession(null);
      for (const listener of lostListeners) listener(result.error.code);
    }
    return result;
  }

  const namespaces = new Map<string, object>();
  const api = new Proxy({} as AppApi, {
    get(_target, ns) {
      if (typeof ns !== 'string') return undefined;
      let proxy = namespaces.get(ns);
      if (!proxy) {
        proxy = new Proxy(
          {},
          {
            get(_t, fn) {
              if (typeof fn !== 'string') return undefined;
              return (input: unknown) => call(`${ns}.${fn}`, input);
            },
          },
        );
        namespaces.set(ns, proxy);
      }
      return proxy;
    },
  });

  return {
    api,
    session: () => token,
    hasSession: () => token !== null,
    setSession,
    onEvent(listener) {
      eventListeners.add(listener);
      if (eventListeners.size === 1) resubscribe();
      return () => {
        eventListeners.delete(listener);
        if (eventListeners.size === 0) {
          unsubscribe?.();
          unsubscribe = null;
        }
      };
    },
    onSessionLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
  };
}
