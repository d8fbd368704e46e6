import { useEffect, useState } from 'react';
import type { PatientSummary } from '../../../common/domain/patients';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';

/** Short enough to feel instant, long enough not to search for every keystroke of a fast typist. */
export const SEARCH_DEBOUNCE_MS = 150;

export interface PatientSearchState {
  results: PatientSummary[];
  /** The query the results are for (they lag the input by the debounce). */
  resultsFor: string;
  searching: boolean;
  error: ApiError | null;
}

/**
 * Results as you type: waits SEARCH_DEBOUNCE_MS after the last keystroke, and drops the answer
 * to a query that has since been replaced, so a slow old answer never overwrites a newer one.
 */
export function usePatientSearch(query: string, options: { includeInactive: boolean; limit?: number }): PatientSearchState {
  const client = useClient();
  const [state, setState] = useState<PatientSearchState>({ results: [], resultsFor: '', searching: false, error: null });
  const { includeInactive, limit = 20 } = options;

  useEffect(() => {
    const text = query.trim();
    if (text === '') {
      setState({ results: [], resultsFor: '', searching: false, error: null });
      return;
    }
    let superseded = false;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      client.api.patients
        .search({ query: text.slice(0, 200), limit, includeInactive })
        .catch(() => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: 'The search failed unexpectedly' } }))
        .then((result) => {
          if (superseded) return;
          setState(
            result.ok
              ? { results: result.value, resultsFor: text, searching: false, error: null }
              : { results: [], resultsFor: text, searching: false, error: result.error },
          );
        });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      superseded = true;
      clearTimeout(timer);
    };
  }, [client, query, includeInactive, limit]);

  return state;
}
