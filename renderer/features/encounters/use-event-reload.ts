import { useEffect } from 'react';
import type { PushEvent } from '../../../common/contract';
import { useClient } from '../../api/client-context';

const SETTLE_MS = 300;

/**
 * Calls `reload` when a matching push event arrives. Monitors stream readings every few seconds,
 * so a burst of events is folded into one reload after it settles.
 */
export function useEventReload(matches: (event: PushEvent) => boolean, reload: () => void, deps: readonly unknown[]): void {
  const client = useClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = client.onEvent((event) => {
      if (!matches(event)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        reload();
      }, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
    // `matches` is recreated each render; its inputs are in `deps`.
  }, [client, reload, ...deps]);
}
