import { useCallback, useEffect, useState } from 'react';
import type { Provider } from '../../../common/domain/clinic';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { focusEditButton } from './focus-row-button';
import { ProviderForm } from './provider-form';
import { ProvidersTable } from './providers-table';
import { useProviders } from './use-clinic-data';
import { useRowAction } from './use-row-action';

/** Staff accounts for the "linked account" choice, reloaded when accounts change. */
function useStaffAccounts() {
  const client = useClient();
  const query = useApiQuery(() => client.api.users.list({ includeInactive: true }), [client]);
  const { reload } = query;
  useEffect(() => client.onEvent((event) => (event.name === 'users.changed' ? reload() : undefined)), [client, reload]);
  return query;
}

export function ProvidersSection() {
  const client = useClient();
  const list = useProviders();
  const accounts = useStaffAccounts();
  const { reload } = list;
  const [editing, setEditing] = useState<Provider | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const action = useRowAction<Provider>(changed);

  const closeEditor = (id: string) => {
    setEditing(null);
    requestAnimationFrame(() => focusEditButton(id));
  };

  const loadError = list.error ?? accounts.error;
  const retry = () => {
    reload();
    accounts.reload();
  };

  return (
    <section aria-labelledby="clinic-providers-title" className="section clinic-section">
      <h2 id="clinic-providers-title">Providers</h2>
      <p className="muted">The people patients are booked with. Deactivated providers stay in past records but take no new appointments.</p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={action.error} />
      {list.data && accounts.data ? (
        <>
          {loadError ? <ErrorBanner error={loadError} onRetry={retry} /> : null}
          <ProvidersTable
            providers={list.data}
            busyId={action.busyId}
            onEdit={(provider) => {
              setNotice(null);
              setEditing(provider);
            }}
            onSetActive={(provider, active) =>
              void action.run(
                provider.displayName,
                provider.id,
                () => client.api.clinic.setProviderActive({ id: provider.id, active }),
                (p) => `${p.displayName} is now ${p.active ? 'active' : 'inactive'}.`,
              )
            }
          />
          {editing ? (
            <ProviderForm
              key={`${editing.id}:${editing.version}`}
              provider={editing}
              providers={list.data}
              users={accounts.data}
              onSaved={(saved) => {
                changed(`Saved the provider ${saved.displayName}.`);
                closeEditor(saved.id);
              }}
              onCancel={() => closeEditor(editing.id)}
            />
          ) : (
            <ProviderForm
              provider={null}
              providers={list.data}
              users={accounts.data}
              onSaved={(saved) => changed(`Added the provider ${saved.displayName}.`)}
            />
          )}
        </>
      ) : loadError ? (
        <ErrorBanner error={loadError} onRetry={retry} />
      ) : (
        <LoadingMessage />
      )}
    </section>
  );
}
