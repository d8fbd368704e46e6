import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PATHS } from '../shell/app-paths';
import type { LoginLocationState } from './login-page';
import { useSession } from './session-context';

/** Pages behind sign-in: first run and sign-in come first, and sign-in returns here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session, needsSetup } = useSession();
  const location = useLocation();
  if (needsSetup) return <Navigate to={PATHS.setup} replace />;
  if (!session) {
    const state: LoginLocationState = { from: location };
    return <Navigate to={PATHS.login} replace state={state} />;
  }
  return <>{children}</>;
}
