import { Route, Routes } from 'react-router';
import { AccountPage } from '../account/account-page';
import { AuditPage } from '../audit/audit-page';
import { FirstRunPage } from '../auth/first-run-page';
import { LoginPage } from '../auth/login-page';
import { RequireSession } from '../auth/require-session';
import { HomePage } from '../home/home-page';
import { UsersPage } from '../users/users-page';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RequirePermission } from './require-permission';
import { PATHS } from './app-paths';

export function AppRoutes() {
  return (
    <Routes>
      <Route path={PATHS.setup} element={<FirstRunPage />} />
      <Route path={PATHS.login} element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path={PATHS.users}
          element={
            <RequirePermission permission="users.manage">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.audit}
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path={PATHS.account} element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
