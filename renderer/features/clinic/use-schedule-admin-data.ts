import { useEffect, useRef } from 'react';
import type { EventPayload, PushEvent } from '../../../common/contract';
import type { AppointmentType, WorkingHoursEntry } from '../../../common/domain/scheduling';
import type { Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery, type ApiQuery } from '../../api/use-api-query';

type ScheduleChange = EventPayload<'schedule.changed'>;

function isScheduleChange(event: PushEvent): event is PushEvent<'schedule.changed'> {
  return event.name === 'schedule.changed';
}

/** One schedule read, reloaded whenever main reports a change it concerns (from any window). */
function useScheduleQuery<T>(load: () => Promise<Result<T>>, deps: readonly unknown[], concerns: (change: ScheduleChange) => boolean): ApiQuery<T> {
  const client = useClient();
  const query = useApiQuery(load, [client, ...deps]);
  const { reload } = query;
  // The latest test, so a new provider choice takes effect without re-subscribing.
  const concernsRef = useRef(concerns);
  concernsRef.current = concerns;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (isScheduleChange(event) && concernsRef.current(event.payload)) reload();
      }),
    [client, reload],
  );
  return query;
}

/** Every appointment type, inactive ones included: the administrator sees and can reactivate them. */
export function useAppointmentTypes(): ApiQuery<AppointmentType[]> {
  const client = useClient();
  return useScheduleQuery(() => client.api.schedule.listAppointmentTypes({ includeInactive: true }), [], (c) => c.change === 'types');
}

/** One provider's working hours and breaks; no provider chosen yet: an empty week. */
export function useWorkingHours(providerId: string | null): ApiQuery<WorkingHoursEntry[]> {
  const client = useClient();
  return useScheduleQuery(
    async (): Promise<Result<WorkingHoursEntry[]>> => (providerId ? client.api.schedule.workingHours({ providerId }) : { ok: true, value: [] }),
    [providerId],
    (c) => c.change === 'hours' && providerId !== null && c.providerIds.includes(providerId),
  );
}

/** The clinic time zone working hours are written in. */
export function useClinicTimeZone(): ApiQuery<{ timeZone: string }> {
  const client = useClient();
  return useScheduleQuery(() => client.api.schedule.settings({}), [], (c) => c.change === 'settings');
}
