import type { PushEvent } from '../contract/events.contract';
import type { Result } from './errors';
import { EVENTS_PATH, RPC_PATH, type BridgeServerMessage } from './bridge-protocol';
import type { RpcRequest, RpcTransport } from './transport';

/** The standard WebSocket surface (browser global, or the `ws` package in Node tests). */
export interface WebSocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface BridgeClientOptions {
  /** e.g. http://127.0.0.1:43127 */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  webSocket: WebSocketFactory;
  /** Reconnect delay for the event socket after it drops. */
  reconnectMs?: number;
}

export function createBridgeClientTransport(options: BridgeClientOptions): RpcTransport {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/$/, '');

  async function call(request: RpcRequest): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${base}${RPC_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify(request),
      });
    } catch {
      return { ok: false, error: { code: 'TRANSPORT', message: 'The workstation service is not reachable' } };
    }
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'TRANSPORT', message: `Unexpected answer from the workstation (HTTP ${response.status})` } };
    }
  }

  function subscribe(session: string | null, listener: (event: PushEvent) => void): () => void {
    let closed = false;
    let socket: WebSocketLike | null = null;
    const wsUrl = `${base.replace(/^http/, 'ws')}${EVENTS_PATH}?token=${encodeURIComponent(options.token)}`;
    const connect = () => {
      if (closed) return;
      socket = options.webSocket(wsUrl);
      socket.onopen = () => socket?.send(JSON.stringify({ type: 'session', session }));
      socket.onmessage = (ev) => {
        try {
          const message = JSON.parse(String(ev.data)) as BridgeServerMessage;
          if (message.type === 'event') listener({ name: message.name, payload: message.payload } as PushEvent);
        } catch {
          // A malformed frame is dropped; the next one may be fine.
        }
      };
      socket.onclose = () => {
        if (!closed) setTimeout(connect, options.reconnectMs ?? 1000);
      };
      socket.onerror = () => undefined;
    };
    connect();
    return () => {
      closed = true;
      socket?.close();
    };
  }

  return { call, subscribe };
}
