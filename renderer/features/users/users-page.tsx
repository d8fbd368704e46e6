import { useCallback, useEffect, useState } from 'react';
import type { User } from '../../../common/domain/users';
import { useClient } from '../../api/client-context';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { CreateUserForm } from './create-user-form';
import { EditUserPanel } from './edit-user-panel';
import { focusEditButton } from './focus-edit-button';
import { useUserAction } from './use-user-action';
import { useUserList } from './use-user-list';
import { UsersTable } from './users-table';

export function UsersPage() {
  const client = useClient();
  const { user: me } = useSignedInSession();
  const list = useUserList();
  const { reload } = list;
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const action = useUserAction(changed);
  const { restoreFocus } = action;
  useEffect(() => {
    if (list.data) restoreFocus();
  }, [list.data, restoreFocus]);

  const closeEditor = (userId: string) => {
    setEditing(null);
    requestAnimationFrame(() => focusEditButton(userId));
  };

  return (
    <>
      <PageHeader title="Users" description="Staff accounts of this clinic: who can sign in, and with which role." />
      <section aria-labelledby="staff-accounts-title" className="section">
        <h2 id="staff-accounts-title">Staff accounts</h2>
        {notice ? <Notice>{notice}</Notice> : null}
        <ErrorBanner error={action.error} />
        {list.data ? (
          <>
            {list.error ? <ErrorBanner error={list.error} onRetry={reload} /> : null}
            <UsersTable
              users={list.data}
              currentUserId={me.id}
              busyUserId={action.busyUserId}
              onEdit={(user) => {
                setNotice(null);
                setEditing(user);
              }}
              onSetActive={(user, active) =>
                void action.run(
                  user,
                  () => client.api.users.setActive({ id: user.id, active }),
                  (u) => `${u.username} is now ${u.active ? 'active' : 'inactive'}.`,
                )
              }
              onUnlock={(user) =>
                void action.run(user, () => client.api.users.unlock({ id: user.id }), (u) => `${u.username} is unlocked.`)
              }
            />
          </>
        ) : list.error ? (
          <ErrorBanner error={list.error} onRetry={reload} />
        ) : (
          <LoadingMessage />
        )}
      </section>
      {editing ? (
        <EditUserPanel
          key={`${editing.id}:${editing.version}`}
          user={editing}
          onSaved={(user) => {
            changed(`Saved the changes to ${user.username}.`);
            closeEditor(user.id);
          }}
          onPasswordReset={() => reload()}
          onClose={() => closeEditor(editing.id)}
        />
      ) : null}
      <CreateUserForm onCreated={() => reload()} />
    </>
  );
}
