import { useCallback, useRef, useState } from 'react';
import type { User } from '../../../common/domain/users';
import type { ApiError, Result } from '../../../common/rpc/errors';
import { focusEditButton } from './focus-edit-button';

export interface UserAction {
  /** The account a row action is running for; its buttons ignore clicks meanwhile. */
  busyUserId: string | null;
  error: ApiError | null;
  run(user: User, call: () => Promise<Result<User>>, describe: (updated: User) => string): Promise<void>;
  /** Call after the list re-renders: if the clicked button went away, focus its row's Edit button. */
  restoreFocus(): void;
}

/**
 * One-click row actions (deactivate, reactivate, unlock). Buttons are not `disabled` while busy,
 * which would drop keyboard focus; a button that disappears once the list reloads (Unlock) hands
 * focus to the row's Edit button instead of losing it to the page.
 */
export function useUserAction(onDone: (message: string) => void): UserAction {
  const [busyUserId, setBusyUserId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);
  const lastUserId = useRef<string | null>(null);

  const run = useCallback<UserAction['run']>(
    async (user, call, describe) => {
      if (inFlight.current) return;
      inFlight.current = true;
      lastUserId.current = user.id;
      setBusyUserId(user.id);
      setError(null);
      const result = await call().catch(
        (): Result<User> => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }),
      );
      inFlight.current = false;
      setBusyUserId(null);
      if (result.ok) onDone(describe(result.value));
      else setError({ ...result.error, message: `${user.username}: ${result.error.message}` });
    },
    [onDone],
  );

  const restoreFocus = useCallback(() => {
    const userId = lastUserId.current;
    if (!userId) return;
    const focused = document.activeElement;
    if (focused === null || focused === document.body) {
      lastUserId.current = null;
      focusEditButton(userId);
    }
  }, []);

  return { busyUserId, error, run, restoreFocus };
}
