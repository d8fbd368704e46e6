import { contextBridge, ipcRenderer } from 'electron';
import type { PushEvent } from '../common/contract';
import { createApiClient } from '../common/rpc/client';
import { materializeClient } from '../common/rpc/materialize-client';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, PRELOAD_GLOBAL, type RpcTransport } from '../common/rpc/transport';
import type { Result } from '../common/rpc/errors';

/**
 * The renderer's only door to main: the typed client over one IPC channel. The session token stays
 * here in the isolated world; page scripts never see it.
 */
const transport: RpcTransport = {
  call: (request) => ipcRenderer.invoke(IPC_CHANNEL, { kind: 'call', ...request }) as Promise<Result<unknown>>,
  subscribe(session, listener) {
    const onEvent = (_event: unknown, pushed: PushEvent) => listener(pushed);
    ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    void ipcRenderer.invoke(IPC_CHANNEL, { kind: 'subscribe', session });
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
      void ipcRenderer.invoke(IPC_CHANNEL, { kind: 'unsubscribe' });
    };
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, materializeClient(createApiClient(transport)));
