import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';

/** The serial ports and USB devices this workstation sees now; `reload()` looks again. */
export function useDetectedPorts() {
  const client = useClient();
  return useApiQuery(() => client.api.devices.ports({}), [client]);
}
