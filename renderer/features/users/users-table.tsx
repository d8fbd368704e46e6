import type { User } from '../../../common/domain/users';
import { ROLE_LABELS } from '../../../common/domain/roles';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { formatDateTime } from '../../ui/format-date-time';
import { EDIT_BUTTON_ATTRIBUTE } from './focus-edit-button';
import { isLocked } from './is-locked';

export interface UsersTableProps {
  users: readonly User[];
  currentUserId: string;
  busyUserId: string | null;
  onEdit: (user: User) => void;
  onSetActive: (user: User, active: boolean) => void;
  onUnlock: (user: User) => void;
}

export function UsersTable({ users, currentUserId, busyUserId, onEdit, onSetActive, onUnlock }: UsersTableProps) {
  const now = new Date();
  const columns: Column<User>[] = [
    {
      header: 'Username',
      rowHeader: true,
      cell: (user) => (
        <>
          {user.username}
          {user.id === currentUserId ? (
            <>
              {' '}
              <span className="tag">you</span>
            </>
          ) : null}
        </>
      ),
    },
    { header: 'Name', cell: (user) => user.displayName },
    { header: 'Role', cell: (user) => ROLE_LABELS[user.role] },
    {
      header: 'Status',
      cell: (user) =>
        user.active ? <span className="badge badge--ok">Active</span> : <span className="badge badge--muted">Inactive</span>,
    },
    {
      header: 'Locked until',
      cell: (user) =>
        isLocked(user, now) ? <span className="badge badge--warn">{formatDateTime(user.lockedUntil)}</span> : '—',
    },
    { header: 'Last login', cell: (user) => formatDateTime(user.lastLoginAt) },
    {
      header: 'Actions',
      className: 'data-table__actions',
      cell: (user) => {
        const busy = busyUserId === user.id;
        const guard = (action: () => void) => () => {
          if (!busy) action();
        };
        return (
          <div className="row-actions">
            <Button variant="quiet" onClick={() => onEdit(user)} {...{ [EDIT_BUTTON_ATTRIBUTE]: user.id }}>
              Edit
            </Button>
            {user.id === currentUserId ? null : (
              <Button
                variant={user.active ? 'danger' : 'secondary'}
                aria-disabled={busy || undefined}
                onClick={guard(() => onSetActive(user, !user.active))}
              >
                {user.active ? 'Deactivate' : 'Reactivate'}
              </Button>
            )}
            {isLocked(user, now) ? (
              <Button variant="secondary" aria-disabled={busy || undefined} onClick={guard(() => onUnlock(user))}>
                Unlock
              </Button>
            ) : null}
          </div>
        );
      },
    },
  ];
  return (
    <DataTable
      caption="Staff accounts"
      captionHidden
      columns={columns}
      rows={users}
      rowKey={(user) => user.id}
      emptyMessage="There are no staff accounts yet."
    />
  );
}
