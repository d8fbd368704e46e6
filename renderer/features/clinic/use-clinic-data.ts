import { useEffect } from 'react';
import type { EventPayload, PushEvent } from '../../../common/contract';
import { useClient } from '../../api/client-context';
import { useApiQuery, type ApiQuery } from '../../api/use-api-query';
import type { Location, Organization, Provider } from '../../../common/domain/clinic';
import type { Result } from '../../../common/rpc/errors';

type ClinicEntity = EventPayload<'clinic.changed'>['entity'];

function isClinicChange(event: PushEvent): event is PushEvent<'clinic.changed'> {
  return event.name === 'clinic.changed';
}

/** One clinic read, reloaded whenever main reports a change to that kind of record (from any window). */
function useClinicQuery<T>(entity: ClinicEntity, load: () => Promise<Result<T>>): ApiQuery<T> {
  const client = useClient();
  const query = useApiQuery(load, [client]);
  const { reload } = query;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (isClinicChange(event) && event.payload.entity === entity) reload();
      }),
    [client, reload, entity],
  );
  return query;
}

export function useOrganization(): ApiQuery<Organization> {
  const client = useClient();
  return useClinicQuery('organization', () => client.api.clinic.getOrganization({}));
}

/** Every location, inactive ones included: the administrator sees and can reactivate them. */
export function useLocations(): ApiQuery<Location[]> {
  const client = useClient();
  return useClinicQuery('location', () => client.api.clinic.listLocations({ includeInactive: true }));
}

export function useProviders(): ApiQuery<Provider[]> {
  const client = useClient();
  return useClinicQuery('provider', () => client.api.clinic.listProviders({ includeInactive: true }));
}
