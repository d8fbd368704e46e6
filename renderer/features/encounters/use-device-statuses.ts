import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../common/contract';
import type { DeviceStatus } from '../../../common/domain/devices';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { isDeviceStatusEvent } from './capture-events';

export type DeviceWithStatus = MethodOutput<'devices.statuses'>[number];

export interface LiveDeviceStatuses {
  devices: DeviceWithStatus[] | null;
  error: ApiError | null;
  reload: () => void;
}

const NOT_ALLOWED = Promise.resolve({ ok: true as const, value: [] as DeviceWithStatus[] });

/**
 * The workstation's devices with their status kept live by 'devices.status' events. An event for
 * a device the list does not know yet (just added by an administrator) reloads the list.
 */
export function useDeviceStatuses(enabled: boolean): LiveDeviceStatuses {
  const client = useClient();
  const query = useApiQuery(() => (enabled ? client.api.devices.statuses({}) : NOT_ALLOWED), [client, enabled]);
  const { data, reload } = query;
  const [updates, setUpdates] = useState<ReadonlyMap<string, DeviceStatus>>(new Map());

  useEffect(() => {
    if (!enabled) return undefined;
    return client.onEvent((event) => {
      if (!isDeviceStatusEvent(event)) return;
      const status = event.payload;
      setUpdates((prev) => new Map(prev).set(status.deviceId, status));
    });
  }, [client, enabled]);

  const unknownDevices = data === null ? '' : [...updates.keys()].filter((id) => !data.some((d) => d.deviceId === id)).join(',');
  useEffect(() => {
    if (unknownDevices) reload();
  }, [unknownDevices, reload]);

  const devices = data?.map((d) => {
    const update = updates.get(d.deviceId);
    // Whichever is newer wins: an event may have been on its way while the list loaded.
    return update && update.since >= d.since ? { ...d, ...update } : d;
  });
  return { devices: devices ?? null, error: query.error, reload };
}
