import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../common/domain/users';

/** The signed-in user as the renderer keeps it: the session token stays inside the API client. */
export type SignedInSession = Omit<SessionInfo, 'sessionToken'>;

export const SESSION_ENDED_MESSAGE = 'Your session ended — please sign in again';
export const SIGNED_OUT_MESSAGE = 'You have signed out.';

export interface SessionContextValue {
  session: SignedInSession | null;
  /** No administrator exists yet: the first-run screen is the only way forward. */
  needsSetup: boolean;
  clinicName: string | null;
  /** Why the user is looking at the sign-in screen, when that is worth saying. */
  notice: string | null;
  signedIn(info: SessionInfo | SignedInSession, clinicName?: string): void;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** For pages inside RequireSession, where a session always exists. */
export function useSignedInSession(): SignedInSession {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession used outside <RequireSession>');
  return session;
}
