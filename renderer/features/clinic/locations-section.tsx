import { useCallback, useMemo, useState } from 'react';
import type { Location } from '../../../common/domain/clinic';
import { useClient } from '../../api/client-context';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { focusEditButton } from './focus-row-button';
import { LocationForm } from './location-form';
import { locationTree } from './location-tree';
import { LocationsTable } from './locations-table';
import { useLocations } from './use-clinic-data';
import { useRowAction } from './use-row-action';

export function LocationsSection() {
  const client = useClient();
  const list = useLocations();
  const { reload } = list;
  const [editing, setEditing] = useState<Location | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const nodes = useMemo(() => locationTree(list.data ?? []), [list.data]);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const action = useRowAction<Location>(changed);

  const closeEditor = (id: string) => {
    setEditing(null);
    requestAnimationFrame(() => focusEditButton(id));
  };

  return (
    <section aria-labelledby="clinic-locations-title" className="section clinic-section">
      <h2 id="clinic-locations-title">Locations</h2>
      <p className="muted">Sites, departments, rooms and workstations. Deactivated locations stay in past records but cannot be booked.</p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={action.error} />
      {list.data ? (
        <>
          {list.error ? <ErrorBanner error={list.error} onRetry={reload} /> : null}
          <LocationsTable
            nodes={nodes}
            busyId={action.busyId}
            onEdit={(location) => {
              setNotice(null);
              setEditing(location);
            }}
            onSetActive={(location, active) =>
              void action.run(
                location.name,
                location.id,
                () => client.api.clinic.setLocationActive({ id: location.id, active }),
                (l) => `${l.name} is now ${l.active ? 'active' : 'inactive'}.`,
              )
            }
          />
          {editing ? (
            <LocationForm
              key={`${editing.id}:${editing.version}`}
              location={editing}
              locations={list.data}
              onSaved={(saved) => {
                changed(`Saved the location ${saved.name}.`);
                closeEditor(saved.id);
              }}
              onCancel={() => closeEditor(editing.id)}
            />
          ) : (
            <LocationForm location={null} locations={list.data} onSaved={(saved) => changed(`Added the location ${saved.name}.`)} />
          )}
        </>
      ) : list.error ? (
        <ErrorBanner error={list.error} onRetry={reload} />
      ) : (
        <LoadingMessage />
      )}
    </section>
  );
}
