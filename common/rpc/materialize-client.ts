import { METHOD_NAMES } from '../contract';
import type { ApiClient } from './client';

/**
 * contextBridge copies plain objects and functions but not Proxies: the preload turns the proxy
 * client into a plain object with one function per contract method before exposing it.
 */
export function materializeClient(client: ApiClient): ApiClient {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [ns, fn] = name.split('.') as [string, string];
    const target = (client.api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[ns]!;
    (api[ns] ??= {})[fn] = (input: unknown) => target[fn]!(input);
  }
  return {
    api: api as unknown as ApiClient['api'],
    // The token stays in the preload's isolated world: page scripts can only ask whether one is held.
    session: () => null,
    hasSession: () => client.hasSession(),
    setSession: (token) => client.setSession(token),
    onEvent: (listener) => client.onEvent(listener),
    onSessionLost: (listener) => client.onSessionLost(listener),
  };
}
