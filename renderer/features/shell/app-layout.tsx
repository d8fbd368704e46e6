import type { MouseEvent } from 'react';
import { Outlet } from 'react-router';
import { useSignedInSession } from '../auth/session-context';
import { CriticalResultsBanner } from '../critical-results/critical-results-banner';
import { AppHeader } from './app-header';
import { MainNav } from './main-nav';

/** The signed-in frame: header, side navigation, and the current page. */
export function AppLayout() {
  const { permissions } = useSignedInSession();
  return (
    <div className="app-layout">
      <a className="skip-link" href="#main-content" onClick={skipToMain}>
        Skip to main content
      </a>
      <AppHeader />
      <CriticalResultsBanner />
      <div className="app-layout__body">
        <MainNav permissions={permissions} />
        <main id="main-content" className="app-layout__main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}

/** A plain #fragment link would be taken as a route by the HashRouter: move focus by hand. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main-content')?.focus();
}
