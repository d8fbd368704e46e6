import { useMemo } from 'react';
import type { Location } from '../../../common/domain/clinic';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import type { SelectOption } from '../../ui/select-field';
import { describeNode, locationTree } from '../clinic/location-tree';

/**
 * The rooms and workstations a device can sit in, by their full path ("Main site › Room 3"). An
 * inactive location is offered only when the device is already there, so saving does not move it.
 */
export function useDeviceLocationOptions(currentId: string | null): { options: SelectOption<string>[]; error: string | null } {
  const client = useClient();
  const query = useApiQuery(() => client.api.clinic.listLocations({ includeInactive: true }), [client]);
  const options = useMemo(() => {
    const nodes = locationTree(query.data ?? []);
    const fits = (l: Location) => (l.kind === 'room' || l.kind === 'workstation') && (l.active || l.id === currentId);
    return [
      { value: '', label: 'Not placed (no location)' },
      ...nodes.filter((n) => fits(n.location)).map((n) => ({ value: n.location.id, label: describeNode(n) })),
    ];
  }, [query.data, currentId]);
  return { options, error: query.error ? `The locations could not be loaded: ${query.error.message}` : null };
}
