import type { ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import type { SignedInSession } from './session-context';

export interface StartupState {
  needsSetup: boolean;
  clinicName: string | null;
  session: SignedInSession | null;
}

/**
 * What the window shows first: the first-run screen, sign-in, or (when the client still holds a
 * session, e.g. Electron's preload outlived a renderer reload) straight into the app.
 */
export async function loadStartupState(client: ApiClient): Promise<Result<StartupState>> {
  const status = await client.api.auth.setupStatus({});
  if (!status.ok) return status;
  const { needsSetup, organizationName } = status.value;
  let session: SignedInSession | null = null;
  if (!needsSetup && client.hasSession()) {
    const current = await client.api.auth.currentSession({});
    session = current.ok ? current.value : null;
  }
  return { ok: true, value: { needsSetup, clinicName: organizationName, session } };
}
