import { useEffect, useMemo, useRef, useState } from 'react';
import type { Device, DeviceStatus } from '../../../common/domain/devices';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { isDeviceStatusEvent } from './device-events';

export interface DeviceList {
  /** The configured devices, each with its latest known status. */
  devices: Device[] | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

interface LiveStatus {
  status: DeviceStatus;
  receivedAt: number;
}

/**
 * The configured devices with their status kept live from 'devices.status' events. A status that
 * arrived after the list was requested wins over the one in the list; a status for a device the
 * list does not know (added in another window) reloads the list.
 */
export function useDeviceList(): DeviceList {
  const client = useClient();
  const requestedAt = useRef(0);
  const query = useApiQuery(() => {
    requestedAt.current = Date.now();
    return client.api.devices.list({ includeInactive: true });
  }, [client]);
  const { data, reload } = query;
  const [live, setLive] = useState<ReadonlyMap<string, LiveStatus>>(new Map());
  // Null until the first list arrives; ids already reloaded for, so a stray id cannot loop.
  const knownIds = useRef<ReadonlySet<string> | null>(null);
  const reloadedFor = useRef(new Set<string>());

  useEffect(() => {
    if (!data) return;
    knownIds.current = new Set(data.map((d) => d.id));
    const loadedFrom = requestedAt.current;
    setLive((current) => new Map([...current].filter(([, s]) => s.receivedAt >= loadedFrom)));
  }, [data]);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (!isDeviceStatusEvent(event)) return;
        const status = event.payload;
        setLive((current) => new Map(current).set(status.deviceId, { status, receivedAt: Date.now() }));
        const known = knownIds.current;
        if (known && !known.has(status.deviceId) && !reloadedFor.current.has(status.deviceId)) {
          reloadedFor.current.add(status.deviceId);
          reload();
        }
      }),
    [client, reload],
  );

  const devices = useMemo(
    () => data?.map((device) => {
      const override = live.get(device.id);
      return override ? { ...device, status: override.status } : device;
    }) ?? null,
    [data, live],
  );
  return { devices, error: query.error, loading: query.loading, reload };
}
