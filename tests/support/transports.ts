import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { PushEvent } from '../../common/contract';
import { createBridgeClientTransport, type WebSocketLike } from '../../common/rpc/bridge-client-transport';
import { createApiClient, type ApiClient } from '../../common/rpc/client';
import type { RpcTransport } from '../../common/rpc/transport';
import { startHttpBridge, type HttpBridge } from '../../main/transports/http-bridge';
import { createInProcessTransport } from '../../main/transports/in-process';
import type { TestWorkstation } from './test-workstation';

export type TransportName = 'in-process' | 'bridge';
export const TRANSPORT_NAMES: readonly TransportName[] = ['in-process', 'bridge'];

/** One way into a test workstation's dispatcher, with clients over it. */
export interface TransportHandle {
  readonly name: TransportName;
  /** Raw calls with an explicit session: the client proxy would adopt tokens from auth.login. */
  readonly transport: RpcTransport;
  /** Present for 'bridge'. */
  readonly bridge: HttpBridge | null;
  client(initialSession?: string | null): ApiClient;
  /** Ends every event subscription made through this handle, then stops the bridge. */
  close(): Promise<void>;
}

/**
 * The real `ws` client has the browser WebSocket surface the bridge client expects (onopen,
 * onmessage with text `data`, ...); only its TypeScript event types are richer than WebSocketLike.
 */
function nodeWebSocket(url: string): WebSocketLike {
  return new WebSocket(url) as unknown as WebSocketLike;
}

export async function openTransport(tw: TestWorkstation, name: TransportName): Promise<TransportHandle> {
  const { dispatcher, hub } = tw.workstation;
  let inner: RpcTransport;
  let bridge: HttpBridge | null = null;
  if (name === 'in-process') {
    inner = createInProcessTransport(dispatcher, hub);
  } else {
    const token = randomBytes(32).toString('base64url');
    bridge = await startHttpBridge({ dispatcher, hub, token, port: 0 });
    inner = createBridgeClientTransport({ baseUrl: bridge.origin, token, webSocket: nodeWebSocket, reconnectMs: 50 });
  }

  // The bridge client reconnects a dropped event socket forever; every subscription is tracked so
  // cleanup can end them before the server goes away.
  const open = new Set<() => void>();
  const transport: RpcTransport = {
    call: (request) => inner.call(request),
    subscribe(session, listener) {
      const stop = inner.subscribe(session, listener);
      const tracked = () => {
        open.delete(tracked);
        stop();
      };
      open.add(tracked);
      return tracked;
    },
  };

  return {
    name,
    transport,
    bridge,
    client: (initialSession = null) => createApiClient(transport, initialSession),
    async close() {
      for (const stop of [...open]) stop();
      await bridge?.close();
    },
  };
}

export interface EventRecorder {
  readonly events: PushEvent[];
  /** Resolves with the first recorded event (past or future) that matches. */
  waitFor(predicate: (event: PushEvent) => boolean, timeoutMs?: number): Promise<PushEvent>;
  /**
   * Returns once an event addressed to this client's session has gone through main's hub and
   * arrived. Over the bridge that proves the event socket is connected and has told the server its
   * session; and since events on one socket stay in order, anything published before the barrier
   * that was going to reach this client has reached it.
   */
  barrier(): Promise<void>;
  stop(): void;
}

let markerSeq = 0;

export function recordEvents(tw: TestWorkstation, client: ApiClient): EventRecorder {
  const events: PushEvent[] = [];
  const waiters = new Set<() => void>();
  const stop = client.onEvent((event) => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  });

  const waitFor = (predicate: (event: PushEvent) => boolean, timeoutMs = 5000): Promise<PushEvent> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = events.find(predicate);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.name))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    events,
    waitFor,
    async barrier() {
      const session = client.session();
      if (session === null) throw new Error('barrier() needs a signed-in client');
      markerSeq += 1;
      const at = new Date(Date.UTC(2000, 0, 1) + markerSeq).toISOString();
      const isMarker = (e: PushEvent) => e.name === 'system.heartbeat' && (e.payload as { at: string }).at === at;
      const publish = () => tw.workstation.hub.publish('system.heartbeat', { at }, { toSession: session });
      publish();
      const repeat = setInterval(publish, 20);
      try {
        await waitFor(isMarker);
      } finally {
        clearInterval(repeat);
      }
    },
    stop,
  };
}
