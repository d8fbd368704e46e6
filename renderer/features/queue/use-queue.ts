import { useEffect, useRef, useState } from 'react';
import type { QueueEntry, QueueToday } from '../../../common/contract/queue.contract';
import { waitingMinutesAt } from './waiting-time';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';

const TICK_MS = 60_000;

export interface LiveQueue {
  data: QueueToday | null;
  /** Entries with waiting minutes brought up to the minute on this screen. */
  entries: QueueEntry[];
  error: ApiError | null;
  reload: () => void;
}

/**
 * Today's queue, as main sees it: reloaded on every queue or schedule change from any window, and
 * its waiting times advanced locally once a minute. Main's clock is the reference (the answer
 * carries `now`), so a workstation whose clock is off still shows the right minutes.
 */
export function useQueue(): LiveQueue {
  const client = useClient();
  const query = useApiQuery(() => client.api.queue.today({}), [client]);
  const { reload, data } = query;
  const skew = useRef(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (data) skew.current = Date.parse(data.now) - Date.now();
  }, [data]);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.name === 'queue.changed' || event.name === 'schedule.changed') reload();
      }),
    [client, reload],
  );
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const nowMs = Date.now() + skew.current;
  const entries = (data?.entries ?? []).map((e) => ({ ...e, waitingMinutes: waitingMinutesAt(e, nowMs) }));
  void tick;
  return { data, entries, error: query.error, reload };
}
