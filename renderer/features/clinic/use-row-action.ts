import { useCallback, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../common/rpc/errors';

export interface RowAction<T> {
  /** The row an action is running for; its buttons ignore clicks meanwhile. */
  busyId: string | null;
  error: ApiError | null;
  run(name: string, id: string, call: () => Promise<Result<T>>, describe: (value: T) => string): Promise<void>;
}

/**
 * One-click row actions (deactivate, reactivate). Buttons stay focusable while busy (aria-disabled,
 * not disabled, which would drop keyboard focus); the error names the row it concerns.
 */
export function useRowAction<T>(onDone: (message: string) => void): RowAction<T> {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);

  const run = useCallback<RowAction<T>['run']>(
    async (name, id, call, describe) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusyId(id);
      setError(null);
      const result = await call().catch(
        (): Result<T> => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }),
      );
      inFlight.current = false;
      setBusyId(null);
      if (result.ok) onDone(describe(result.value));
      // Name the row unless the message already does ("“Main site” still holds active locations").
      else setError(result.error.message.includes(name) ? result.error : { ...result.error, message: `${name}: ${result.error.message}` });
    },
    [onDone],
  );

  return { busyId, error, run };
}
