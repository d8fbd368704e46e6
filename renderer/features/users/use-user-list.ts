import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';

/** All staff accounts, reloaded whenever main reports a change (from this window or another). */
export function useUserList() {
  const client = useClient();
  const query = useApiQuery(() => client.api.users.list({ includeInactive: true }), [client]);
  const { reload } = query;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.name === 'users.changed') reload();
      }),
    [client, reload],
  );
  return query;
}
