import { useEffect } from 'react';
import type { DayView, WeekView } from '../../../common/contract/schedule.contract';
import type { Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';

export type ScheduleMode = 'day' | 'week';

export type ScheduleView = { mode: 'day'; view: DayView } | { mode: 'week'; view: WeekView };

/** The day or week on screen, reloaded whenever main reports a change from any window. */
export function useScheduleView(mode: ScheduleMode, date: string, providerId: string | null) {
  const client = useClient();
  const query = useApiQuery(async (): Promise<Result<ScheduleView>> => {
    const provider = providerId === null ? {} : { providerId };
    if (mode === 'day') {
      const result = await client.api.schedule.day({ date, ...provider });
      return result.ok ? { ok: true, value: { mode, view: result.value } } : result;
    }
    const result = await client.api.schedule.week({ weekStart: date, ...provider });
    return result.ok ? { ok: true, value: { mode, view: result.value } } : result;
  }, [client, mode, date, providerId]);
  const { reload } = query;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.name === 'schedule.changed' || event.name === 'queue.changed' || event.name === 'clinic.changed') reload();
      }),
    [client, reload],
  );
  return query;
}
