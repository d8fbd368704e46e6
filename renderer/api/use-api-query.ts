import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ApiError, Result } from '../../common/rpc/errors';

export interface ApiQuery<T> {
  /** The last loaded value; kept while a reload is under way so tables do not flicker. */
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs one API read when `deps` change and on `reload()`. The answer to a superseded request
 * (or one arriving after unmount) is dropped, so a slow old answer never overwrites a newer one.
 */
export function useApiQuery<T>(load: () => Promise<Result<T>>, deps: DependencyList): ApiQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let superseded = false;
    setLoading(true);
    loadRef
      .current()
      .catch((): Result<T> => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }))
      .then((result) => {
        if (superseded) return;
        if (result.ok) {
          setData(result.value);
          setError(null);
        } else {
          setError(result.error);
        }
        setLoading(false);
      });
    return () => {
      superseded = true;
    };
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
