import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalEntry } from '../../../common/domain/devices';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';

export const JOURNAL_PAGE_SIZE = 50;
export type JournalStatus = JournalEntry['status'];

export interface JournalFilter {
  deviceId: string | null;
  status: JournalStatus | null;
}

export interface DeviceJournal {
  entries: readonly JournalEntry[];
  /** False until the first page has arrived. */
  loaded: boolean;
  loading: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore: () => void;
  /** Starts again from the newest entry. */
  refresh: () => void;
  retry: () => void;
}

/** The raw message journal newest first, one page at a time (keyset paging on `seq`). */
export function useDeviceJournal({ deviceId, status }: JournalFilter): DeviceJournal {
  const client = useClient();
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [hasMore, setHasMore] = useState(false);
  // Bumped when the filter changes, so a page for the old filter is not appended to the new list.
  const generation = useRef(0);

  const loadPage = useCallback(
    async (beforeSeq: number | undefined) => {
      const mine = generation.current;
      setLoading(true);
      setError(null);
      const result = await client.api.devices
        .journal({
          limit: JOURNAL_PAGE_SIZE,
          ...(beforeSeq === undefined ? {} : { beforeSeq }),
          ...(deviceId === null ? {} : { deviceId }),
          ...(status === null ? {} : { status }),
        })
        .catch(() => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: 'The request failed unexpectedly' } }));
      if (mine !== generation.current) return;
      setLoading(false);
      if (!result.ok) return setError(result.error);
      setEntries((current) => (beforeSeq === undefined ? result.value.entries : [...current, ...result.value.entries]));
      setHasMore(result.value.hasMore);
      setLoaded(true);
    },
    [client, deviceId, status],
  );

  const restart = useCallback(() => {
    generation.current += 1;
    setEntries([]);
    setLoaded(false);
    void loadPage(undefined);
  }, [loadPage]);

  useEffect(restart, [restart]);

  const oldestSeq = entries.at(-1)?.seq;
  const loadMore = useCallback(() => {
    if (!loading && oldestSeq !== undefined) void loadPage(oldestSeq);
  }, [loading, oldestSeq, loadPage]);
  const retry = useCallback(() => void loadPage(loaded ? oldestSeq : undefined), [loadPage, loaded, oldestSeq]);

  return { entries, loaded, loading, error, hasMore, loadMore, refresh: restart, retry };
}
