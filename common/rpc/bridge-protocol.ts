/**
 * The loopback bridge's wire format (headless mode and tests). Same requests and results as IPC:
 * - POST {RPC_PATH} with `Authorization: Bearer <bridge token>` and a JSON RpcRequest body;
 *   the answer is the JSON Result. Missing/wrong token -> 401, foreign Origin or Host -> 403.
 * - WebSocket {EVENTS_PATH}?token=<bridge token>: the client sends {type:'session', session}
 *   whenever its session changes; the server sends {type:'event', name, payload}.
 */
export const RPC_PATH = '/api/rpc';
export const EVENTS_PATH = '/api/events';
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** The printed headless URL carries the token in the fragment, which never reaches a server log. */
export const TOKEN_FRAGMENT_KEY = 'bridgeToken';

export type BridgeClientMessage = { type: 'session'; session: string | null };
export type BridgeServerMessage = { type: 'event'; name: string; payload: unknown };
