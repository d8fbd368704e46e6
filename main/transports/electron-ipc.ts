import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { PushEvent } from '../../common/contract';
import type { Dispatcher } from '../../common/rpc/dispatcher';
import type { Result } from '../../common/rpc/errors';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../../common/rpc/transport';
import type { EventHub } from './event-hub';

/** What the preload sends on the one channel. */
export type IpcMessage =
  | { kind: 'call'; method: string; input: unknown; session: string | null }
  | { kind: 'subscribe'; session: string | null }
  | { kind: 'unsubscribe' };

/** The slice of an invoke event this transport reads (a fake one in tests, Electron's in the app). */
export type IpcEventLike = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender: Pick<IpcMainInvokeEvent['sender'], 'id' | 'send' | 'once' | 'isDestroyed'>;
};

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatcher: Dispatcher;
  hub: EventHub;
  /** True only for the app's own renderer (file:// of the packaged index.html). */
  isTrustedUrl: (url: string) => boolean;
}

/**
 * The only ipcMain user: one channel into the dispatcher. Every message is checked for its sender
 * frame first, so an iframe or a navigated-away page cannot reach the API.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const subscriptions = new Map<number, { session: string | null; unsubscribe: () => void }>();

  const handler = async (event: IpcEventLike, message: unknown): Promise<Result<unknown> | { ok: true; value: null }> => {
    const url = event.senderFrame?.url ?? '';
    if (!event.senderFrame || event.senderFrame.parent !== null || !options.isTrustedUrl(url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not use the workstation API' } };
    }
    if (typeof message !== 'object' || message === null) {
      return { ok: false, error: { code: 'VALIDATION', message: 'Malformed IPC message' } };
    }
    const m = message as Partial<Record<string, unknown>>;
    switch (m.kind) {
      case 'call':
        return options.dispatcher.dispatch(
          { method: typeof m.method === 'string' ? m.method : '', input: m.input, session: typeof m.session === 'string' ? m.session : null },
          'ipc',
        );
      case 'subscribe':
        subscribe(event, typeof m.session === 'string' ? m.session : null);
        return { ok: true, value: null };
      case 'unsubscribe':
        subscriptions.get(event.sender.id)?.unsubscribe();
        subscriptions.delete(event.sender.id);
        return { ok: true, value: null };
      default:
        return { ok: false, error: { code: 'VALIDATION', message: 'Malformed IPC message' } };
    }
  };

  function subscribe(event: IpcEventLike, session: string | null): void {
    const existing = subscriptions.get(event.sender.id);
    if (existing) {
      existing.session = session;
      return;
    }
    const sender = event.sender;
    const entry: { session: string | null; unsubscribe: () => void } = { session, unsubscribe: () => undefined };
    entry.unsubscribe = options.hub.subscribe(
      () => entry.session,
      (pushed: PushEvent) => {
        if (!sender.isDestroyed()) sender.send(IPC_EVENT_CHANNEL, pushed);
      },
    );
    subscriptions.set(sender.id, entry);
    sender.once('destroyed', () => {
      entry.unsubscribe();
      subscriptions.delete(sender.id);
    });
  }

  options.ipcMain.handle(IPC_CHANNEL, handler as unknown as Parameters<IpcMain['handle']>[1]);
  return () => {
    options.ipcMain.removeHandler(IPC_CHANNEL);
    for (const entry of subscriptions.values()) entry.unsubscribe();
    subscriptions.clear();
  };
}
