import type { ReactNode } from 'react';
import type { Permission } from '../../../common/domain/permissions';
import { useSignedInSession } from '../auth/session-context';
import { NoAccessPage } from './no-access-page';

/** A page the role cannot use says so instead of failing call by call (main refuses anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { permissions } = useSignedInSession();
  return permissions.includes(permission) ? <>{children}</> : <NoAccessPage />;
}
