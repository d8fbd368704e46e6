import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '../../../common/contract';
import type { ActiveSession, Dispatcher, TransportKind } from '../../../common/rpc/dispatcher';
import type { Result } from '../../../common/rpc/errors';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type RpcRequest } from '../../../common/rpc/transport';
import { registerIpcTransport, type IpcEventLike, type IpcTransportOptions } from '../../../main/transports/electron-ipc';
import { EventHub, type SessionPeek } from '../../../main/transports/event-hub';

const APP_URL = 'file:///opt/aipc/resources/app/dist/renderer/index.html';

type InvokeHandler = (event: IpcEventLike, message: unknown) => Promise<Result<unknown> | { ok: true; value: null }>;

/** ipcMain as far as the transport uses it: it keeps the one handler registered. */
function fakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: InvokeHandler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

let senderIds = 0;

/** An invoke event from a window: its frame (URL, parent) and its webContents. */
function fakeEvent(frame: { url: string; parent: unknown } | null = { url: APP_URL, parent: null }) {
  const emitter = new EventEmitter();
  let destroyed = false;
  senderIds += 1;
  const sender = {
    id: senderIds,
    send: vi.fn(),
    once: (name: string, listener: () => void) => emitter.once(name, listener),
    isDestroyed: () => destroyed,
    destroy() {
      destroyed = true;
      emitter.emit('destroyed');
    },
  };
  const event = { senderFrame: frame, sender } as unknown as IpcEventLike;
  return { event, sender };
}

const SESSIONS: Record<string, ActiveSession> = {
  'admin-token': { token: 'admin-token', userId: 'u-admin', username: 'ada', role: 'admin' },
  'desk-token': { token: 'desk-token', userId: 'u-desk', username: 'dee', role: 'front_desk' },
};

function setup() {
  const ipcMain = fakeIpcMain();
  const dispatched: { request: unknown; transport: string }[] = [];
  const dispatcher: Dispatcher = {
    dispatch: vi.fn(async (request: RpcRequest, transport: TransportKind): Promise<Result<unknown>> => {
      dispatched.push({ request, transport });
      return { ok: true, value: { echoed: request.method } };
    }),
  };
  const peek: SessionPeek = { peek: (token) => SESSIONS[token] };
  const hub = new EventHub(peek);
  const options: IpcTransportOptions = {
    ipcMain: ipcMain as unknown as IpcTransportOptions['ipcMain'],
    dispatcher,
    hub,
    isTrustedUrl: (url) => url === APP_URL,
  };
  const unregister = registerIpcTransport(options);
  const handler = ipcMain.handlers.get(IPC_CHANNEL);
  if (!handler) throw new Error('no handler registered on the IPC channel');
  return { ipcMain, dispatcher, dispatched, hub, handler, unregister };
}

const call = { kind: 'call', method: 'users.list', input: { includeInactive: true }, session: 'admin-token' };
const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not use the workstation API' } };

describe('the Electron IPC transport', () => {
  it('registers one handler, on the one channel, and removes it again', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CHANNEL]);
    unregister();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CHANNEL);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a call from the app’s own top frame to the dispatcher as an ipc call', async () => {
    const { handler, dispatched } = setup();
    const result = await handler(fakeEvent().event, call);
    expect(result).toEqual({ ok: true, value: { echoed: 'users.list' } });
    expect(dispatched).toEqual([
      { request: { method: 'users.list', input: { includeInactive: true }, session: 'admin-token' }, transport: 'ipc' },
    ]);
  });

  it('refuses a frame with another URL, a subframe and a vanished frame before the dispatcher', async () => {
    const { handler, dispatcher } = setup();
    const frames = [
      { url: 'https://evil.example/', parent: null },
      { url: `${APP_URL}.evil`, parent: null },
      { url: '', parent: null },
      { url: APP_URL, parent: { url: APP_URL, parent: null } }, // the app page inside an iframe
      null,
    ];
    for (const frame of frames) {
      const { event } = fakeEvent(frame);
      expect(await handler(event, call), JSON.stringify(frame)).toEqual(FORBIDDEN);
      expect(await handler(event, { kind: 'subscribe', session: 'admin-token' })).toEqual(FORBIDDEN);
    }
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });

  it('answers malformed messages with VALIDATION without dispatching', async () => {
    const { handler, dispatcher } = setup();
    for (const message of [null, undefined, 42, 'users.list', [], {}, { kind: 'exec' }, { kind: '__proto__' }, { method: 'users.list' }]) {
      const result = await handler(fakeEvent().event, message);
      expect(result, JSON.stringify(message)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });

  it('passes odd call fields on as harmless values for the dispatcher to refuse', async () => {
    const { handler, dispatched } = setup();
    await handler(fakeEvent().event, { kind: 'call', method: { toString: 'users.list' }, input: 1, session: 42 });
    expect(dispatched[0]!.request).toEqual({ method: '', input: 1, session: null });
  });

  it('delivers hub events to a subscribed window on the event channel, filtered by its session', async () => {
    const { handler, hub } = setup();
    const admin = fakeEvent();
    const desk = fakeEvent();
    expect(await handler(admin.event, { kind: 'subscribe', session: 'admin-token' })).toEqual({ ok: true, value: null });
    await handler(desk.event, { kind: 'subscribe', session: 'desk-token' });
    expect(hub.subscriberCount).toBe(2);

    hub.publish('users.changed', { userId: 'u-9', change: 'created' });
    const expected: PushEvent = { name: 'users.changed', payload: { userId: 'u-9', change: 'created' } };
    expect(admin.sender.send.mock.calls).toEqual([[IPC_EVENT_CHANNEL, expected]]);
    expect(desk.sender.send).not.toHaveBeenCalled();

    hub.publish('session.ended', { reason: 'logout' }, { toSession: 'desk-token' });
    expect(desk.sender.send.mock.calls).toEqual([[IPC_EVENT_CHANNEL, { name: 'session.ended', payload: { reason: 'logout' } }]]);
    expect(admin.sender.send).toHaveBeenCalledTimes(1);
  });

  it('follows a window’s session change without a second subscription', async () => {
    const { handler, hub } = setup();
    const win = fakeEvent();
    await handler(win.event, { kind: 'subscribe', session: 'desk-token' });
    await handler(win.event, { kind: 'subscribe', session: 'admin-token' });
    expect(hub.subscriberCount).toBe(1);
    hub.publish('users.changed', { userId: 'u-9', change: 'updated' });
    expect(win.sender.send).toHaveBeenCalledTimes(1);
  });

  it('stops delivering after unsubscribe, and after the window is destroyed', async () => {
    const { handler, hub } = setup();
    const first = fakeEvent();
    await handler(first.event, { kind: 'subscribe', session: 'admin-token' });
    await handler(first.event, { kind: 'unsubscribe' });
    expect(hub.subscriberCount).toBe(0);

    const second = fakeEvent();
    await handler(second.event, { kind: 'subscribe', session: 'admin-token' });
    hub.publish('system.heartbeat', { at: '2026-03-02T08:00:00.000Z' });
    expect(second.sender.send).toHaveBeenCalledTimes(1);
    second.sender.destroy();
    expect(hub.subscriberCount).toBe(0);
    hub.publish('system.heartbeat', { at: '2026-03-02T08:00:01.000Z' });
    expect(second.sender.send).toHaveBeenCalledTimes(1);
    expect(first.sender.send).not.toHaveBeenCalled();
  });

  it('ends every subscription when unregistered', async () => {
    const { handler, hub, unregister } = setup();
    await handler(fakeEvent().event, { kind: 'subscribe', session: 'admin-token' });
    await handler(fakeEvent().event, { kind: 'subscribe', session: null });
    expect(hub.subscriberCount).toBe(2);
    unregister();
    expect(hub.subscriberCount).toBe(0);
  });
});
