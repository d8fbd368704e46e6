import type { PushEvent } from '../../common/contract';
import type { Dispatcher } from '../../common/rpc/dispatcher';
import type { RpcTransport } from '../../common/rpc/transport';
import type { EventHub } from './event-hub';

/**
 * The dispatcher called directly, for tests and tools. Requests and results go through JSON as on
 * the wire, so whatever works here also survives IPC and the bridge.
 */
export function createInProcessTransport(dispatcher: Dispatcher, hub: EventHub): RpcTransport {
  return {
    async call(request) {
      const wire = JSON.parse(JSON.stringify(request ?? null) ?? 'null');
      const result = await dispatcher.dispatch(wire, 'in-process');
      return JSON.parse(JSON.stringify(result));
    },
    subscribe(session, listener) {
      return hub.subscribe(
        () => session,
        (event: PushEvent) => listener(JSON.parse(JSON.stringify(event))),
      );
    },
  };
}
