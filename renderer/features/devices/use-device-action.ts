import { useCallback, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../common/rpc/errors';

export interface DeviceAction {
  /** The device a row action is running for; its buttons ignore clicks meanwhile. */
  busyId: string | null;
  error: ApiError | null;
  run<T>(device: { id: string; name: string }, call: () => Promise<Result<T>>, describe: (value: T) => string): Promise<void>;
}

/**
 * One-click row actions (enable, disable, reconnect). Buttons stay focusable while busy
 * (aria-disabled, not disabled, which would drop keyboard focus); the error names the device.
 */
export function useDeviceAction(onDone: (message: string) => void): DeviceAction {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(
    async <T,>(device: { id: string; name: string }, call: () => Promise<Result<T>>, describe: (value: T) => string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusyId(device.id);
      setError(null);
      const result = await call().catch(
        (): Result<T> => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }),
      );
      inFlight.current = false;
      setBusyId(null);
      if (result.ok) onDone(describe(result.value));
      else setError(result.error.message.includes(device.name) ? result.error : { ...result.error, message: `${device.name}: ${result.error.message}` });
    },
    [onDone],
  );

  return { busyId, error, run };
}
