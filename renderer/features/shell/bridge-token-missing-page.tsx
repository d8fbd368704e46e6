import { useEffect } from 'react';
import { APP_NAME } from '../../ui/app-name';

/**
 * A browser opened the headless workstation without its access token. The launcher prints the
 * full address (with `#bridgeToken=…`); only that address can reach the workstation service.
 */
export function BridgeTokenMissingPage() {
  useEffect(() => {
    document.title = `Open from the launcher — ${APP_NAME}`;
  }, []);
  return (
    <div className="auth-screen">
      <main className="auth-screen__card">
        <p className="auth-screen__brand">
          <span className="auth-screen__app">{APP_NAME}</span>
        </p>
        <h1 className="auth-screen__title">Open the workstation from the launcher’s address</h1>
        <div className="callout" role="alert">
          <p>
            This page was opened without its access key, so it cannot reach the workstation service.
          </p>
        </div>
        <p>
          The workstation must be opened from the URL printed by the headless launcher when it starts. Copy the
          whole address, including the part after <code>#</code>, into this browser’s address bar.
        </p>
        <p className="muted">
          The key is kept only for this browser tab. A new tab or window needs the printed address again.
        </p>
      </main>
    </div>
  );
}
