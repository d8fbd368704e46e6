import { useEffect } from 'react';
import type { EventPayload } from '../../../common/contract';
import type { Provider } from '../../../common/domain/clinic';
import type { AppointmentType } from '../../../common/domain/scheduling';
import type { ApiError, Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';

export interface ScheduleSetup {
  timeZone: string;
  providers: Provider[];
  types: AppointmentType[];
}

/** What every scheduling screen needs first: the clinic's zone, its providers and appointment types. */
export function useScheduleSetup(): { data: ScheduleSetup | null; error: ApiError | null; reload: () => void } {
  const client = useClient();
  const query = useApiQuery(async (): Promise<Result<ScheduleSetup>> => {
    const [settings, providers, types] = await Promise.all([
      client.api.schedule.settings({}),
      client.api.clinic.listProviders({ includeInactive: false }),
      client.api.schedule.listAppointmentTypes({ includeInactive: false }),
    ]);
    if (!settings.ok) return settings;
    if (!providers.ok) return providers;
    if (!types.ok) return types;
    return { ok: true, value: { timeZone: settings.value.timeZone, providers: providers.value, types: types.value } };
  }, [client]);
  const { reload } = query;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.name === 'clinic.changed') reload();
        if (event.name === 'schedule.changed' && ['types', 'settings'].includes((event.payload as EventPayload<'schedule.changed'>).change)) reload();
      }),
    [client, reload],
  );
  return { data: query.data, error: query.error, reload };
}
