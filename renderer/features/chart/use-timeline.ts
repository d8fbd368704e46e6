import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimelineCursor, TimelineEntry, TimelineKind } from '../../../common/domain/chart';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';

export interface TimelineFilter {
  kinds: readonly TimelineKind[];
  from?: string;
  to?: string;
}

export const TIMELINE_PAGE = 50;

/** The timeline's pages so far; a new filter starts over, "load more" continues from the cursor. */
export function useTimeline(patientId: string, filter: TimelineFilter) {
  const client = useClient();
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<TimelineCursor | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);

  const load = useCallback(
    async (after: TimelineCursor | null) => {
      const mine = ++generation.current;
      setLoading(true);
      const result = await client.api.chart.timeline({
        patientId,
        kinds: [...filter.kinds],
        limit: TIMELINE_PAGE,
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
        ...(after ? { after } : {}),
      });
      if (mine !== generation.current) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setEntries((previous) => (after ? [...previous, ...result.value.entries] : result.value.entries));
      setCursor(result.value.nextCursor);
    },
    [client, patientId, filter.kinds, filter.from, filter.to],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return {
    entries,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => void load(cursor),
    reload: () => void load(null),
  };
}
