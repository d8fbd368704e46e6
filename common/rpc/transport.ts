import type { PushEvent } from '../contract/events.contract';
import type { Result } from './errors';

/** One call as it crosses any transport (in-process, Electron IPC, loopback bridge). */
export interface RpcRequest {
  method: string;
  input: unknown;
  /** The session token from sign-in; null before sign-in. */
  session: string | null;
}

/** What a client needs from a transport. The same typed client runs over every one of them. */
export interface RpcTransport {
  call(request: RpcRequest): Promise<Result<unknown>>;
  /** Push events from main; the transport tells main which session listens so events can be filtered. */
  subscribe(session: string | null, listener: (event: PushEvent) => void): () => void;
}

/** Name of the single Electron IPC channel and of the preload's global. */
export const IPC_CHANNEL = 'clinic:rpc';
export const IPC_EVENT_CHANNEL = 'clinic:event';
export const PRELOAD_GLOBAL = 'clinic';
