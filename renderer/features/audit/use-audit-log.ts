import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent, AuditOutcome } from '../../../common/domain/audit';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';

export const AUDIT_PAGE_SIZE = 100;

export interface AuditLog {
  entries: readonly AuditEvent[];
  /** False until the first page has arrived. */
  loaded: boolean;
  loading: boolean;
  error: ApiError | null;
  /** False once a page came back shorter than AUDIT_PAGE_SIZE. */
  hasOlder: boolean;
  loadOlder: () => void;
  retry: () => void;
}

/** The audit log newest first, one page at a time (keyset paging on `seq`), for one outcome filter. */
export function useAuditLog(outcome: AuditOutcome | null): AuditLog {
  const client = useClient();
  const [entries, setEntries] = useState<AuditEvent[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  // Bumped when the filter changes, so a page for the old filter is not appended to the new list.
  const generation = useRef(0);

  const loadPage = useCallback(
    async (beforeSeq: number | undefined) => {
      const mine = generation.current;
      setLoading(true);
      setError(null);
      const result = await client.api.audit.list({
        limit: AUDIT_PAGE_SIZE,
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
        ...(outcome === null ? {} : { outcome }),
      });
      if (mine !== generation.current) return;
      setLoading(false);
      if (!result.ok) return setError(result.error);
      setEntries((current) => (beforeSeq === undefined ? result.value : [...current, ...result.value]));
      setHasOlder(result.value.length === AUDIT_PAGE_SIZE);
      setLoaded(true);
    },
    [client, outcome],
  );

  useEffect(() => {
    generation.current += 1;
    setEntries([]);
    setLoaded(false);
    void loadPage(undefined);
  }, [loadPage]);

  const oldestSeq = entries.at(-1)?.seq;
  const loadOlder = useCallback(() => {
    if (!loading && oldestSeq !== undefined) void loadPage(oldestSeq);
  }, [loading, oldestSeq, loadPage]);
  const retry = useCallback(() => void loadPage(loaded ? oldestSeq : undefined), [loadPage, loaded, oldestSeq]);

  return { entries, loaded, loading, error, hasOlder, loadOlder, retry };
}
