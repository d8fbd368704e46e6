import { useState } from 'react';
import { ROLE_LABELS } from '../../../common/domain/roles';
import { APP_NAME } from '../../ui/app-name';
import { Button } from '../../ui/button';
import { useSession, useSignedInSession } from '../auth/session-context';

export function AppHeader() {
  const { clinicName, signOut } = useSession();
  const { user } = useSignedInSession();
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = () => {
    setSigningOut(true);
    // On success this header unmounts (the sign-in screen replaces the app).
    void signOut().catch(() => setSigningOut(false));
  };

  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__app">{APP_NAME}</span>
        {clinicName ? <span className="app-header__clinic">{clinicName}</span> : null}
      </div>
      <div className="app-header__user">
        <p className="app-header__who">
          <span className="app-header__name">{user.displayName}</span>
          <span className="app-header__role">{ROLE_LABELS[user.role]}</span>
        </p>
        <Button variant="secondary" onClick={onSignOut} busy={signingOut}>
          Sign out
        </Button>
      </div>
    </header>
  );
}
