import { HashRouter } from 'react-router';
import type { ApiClient } from '../common/rpc/client';
import { ClientProvider } from './api/client-context';
import { SessionProvider } from './features/auth/session-provider';
import { AppRoutes } from './features/shell/app-routes';

/** HashRouter: Electron loads the renderer from file://, where only the fragment can carry a route. */
export function App({ client }: { client: ApiClient }) {
  return (
    <ClientProvider client={client}>
      <HashRouter>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </HashRouter>
    </ClientProvider>
  );
}
