import { createBridgeClientTransport, type WebSocketLike } from '../../common/rpc/bridge-client-transport';
import { createApiClient, type ApiClient } from '../../common/rpc/client';
import { PRELOAD_GLOBAL } from '../../common/rpc/transport';
import { takeBridgeToken } from './bridge-token';

declare global {
  interface Window {
    /** The typed client the Electron preload exposes (PRELOAD_GLOBAL); absent in a plain browser. */
    clinic?: ApiClient;
  }
}

let cached: ApiClient | null | undefined;

/**
 * The one API client of this window: the preload's in Electron, otherwise the same typed client
 * over the loopback bridge (headless mode). Null when opened in a browser without the bridge
 * token. The session token lives only inside the client, so a reload signs the user out.
 */
export function getClient(): ApiClient | null {
  if (cached !== undefined) return cached;
  cached = preloadClient() ?? bridgeClient();
  return cached;
}

/** True in headless mode (a browser talking to the loopback bridge), false inside Electron. */
export function usesBridge(): boolean {
  return preloadClient() === null;
}

function preloadClient(): ApiClient | null {
  const exposed = (window as unknown as Record<string, ApiClient | undefined>)[PRELOAD_GLOBAL];
  return exposed ?? null;
}

function bridgeClient(): ApiClient | null {
  const token = takeBridgeToken();
  if (!token) return null;
  return createApiClient(
    createBridgeClientTransport({
      baseUrl: window.location.origin,
      token,
      // The DOM WebSocket is a WebSocketLike at runtime; its handlers are typed with Event rather
      // than unknown, which TypeScript's strict function types will not accept as is.
      webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    }),
  );
}
