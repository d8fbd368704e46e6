import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { usesBridge } from '../../api/get-client';
import { AuthScreen } from './auth-screen';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { loadStartupState, type StartupState } from './load-startup-state';
import {
  SESSION_ENDED_MESSAGE,
  SIGNED_OUT_MESSAGE,
  SessionContext,
  type SessionContextValue,
  type SignedInSession,
} from './session-context';

/**
 * Holds who is signed in. The session itself is only in memory; main tells the client when it is
 * no longer valid (an expired/unknown token on any call, or a `session.ended` push event), and
 * the user is sent back to sign-in with a message saying why.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [startup, setStartup] = useState<StartupState | null>(null);
  const [startupError, setStartupError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [session, setSession] = useState<SignedInSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  useEffect(() => {
    let stale = false;
    setStartupError(null);
    void loadStartupState(client).then((result) => {
      if (stale) return;
      if (!result.ok) return setStartupError(result.error);
      setStartup(result.value);
      setSession(result.value.session);
    });
    return () => {
      stale = true;
    };
  }, [client, attempt]);

  const endSession = useCallback(() => {
    client.setSession(null);
    if (sessionRef.current) setNotice(SESSION_ENDED_MESSAGE);
    setSession(null);
  }, [client]);

  useEffect(() => client.onSessionLost(endSession), [client, endSession]);

  const signedIn = session !== null;
  useEffect(() => {
    if (!signedIn) return;
    return client.onEvent((event) => {
      if (event.name === 'session.ended') endSession();
    });
  }, [client, signedIn, endSession]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      needsSetup: startup?.needsSetup ?? false,
      clinicName: startup?.clinicName ?? null,
      notice,
      signedIn(info, clinicName) {
        // The notice stays: the sign-in page reads it to decide where to go next, and shows
        // it only while signed out, where a newer sign-out or session end replaces it.
        setSession(withoutToken(info));
        setStartup((current) => ({
          needsSetup: false,
          clinicName: clinicName ?? current?.clinicName ?? null,
          session: null,
        }));
      },
      async signOut() {
        try {
          await client.api.auth.logout({});
        } finally {
          // Whatever main answered (it may be unreachable), this window forgets the session.
          client.setSession(null);
          setSession(null);
          setNotice(SIGNED_OUT_MESSAGE);
        }
      },
    }),
    [client, session, startup, notice],
  );

  if (!startup) {
    return (
      <AuthScreen title="Connecting">
        <h1 className="auth-screen__title">Connecting to the workstation</h1>
        {startupError ? (
          <>
            <ErrorBanner error={startupError} onRetry={() => setAttempt((n) => n + 1)} />
            {usesBridge() ? (
              <p className="muted">
                If the workstation service was restarted, open it again from the new address its launcher printed.
              </p>
            ) : null}
          </>
        ) : (
          <LoadingMessage />
        )}
      </AuthScreen>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function withoutToken(info: SignedInSession & { sessionToken?: string }): SignedInSession {
  const { expiresAt, idleTimeoutSeconds, user, permissions } = info;
  return { expiresAt, idleTimeoutSeconds, user, permissions };
}
