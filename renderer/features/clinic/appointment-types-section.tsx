import { useCallback, useState } from 'react';
import type { AppointmentType } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import '../schedule/schedule.css';
import { AppointmentTypeForm } from './appointment-type-form';
import { AppointmentTypesTable } from './appointment-types-table';
import { focusEditButton } from './focus-row-button';
import { useRowAction } from './use-row-action';
import { useAppointmentTypes } from './use-schedule-admin-data';

export function AppointmentTypesSection() {
  const client = useClient();
  const list = useAppointmentTypes();
  const { reload } = list;
  const [editing, setEditing] = useState<AppointmentType | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const action = useRowAction<AppointmentType>(changed);

  const closeEditor = (id: string) => {
    setEditing(null);
    requestAnimationFrame(() => focusEditButton(id));
  };

  // Deactivating keeps every other detail; the version guards against someone else's change.
  const setActive = (type: AppointmentType, active: boolean) =>
    void action.run(
      type.name,
      type.id,
      () =>
        client.api.schedule.saveAppointmentType({
          id: type.id,
          expectedVersion: type.version,
          name: type.name,
          durationMinutes: type.durationMinutes,
          colour: type.colour,
          active,
        }),
      (t) => `${t.name} is now ${t.active ? 'active' : 'inactive'}.`,
    );

  return (
    <section aria-labelledby="clinic-types-title" className="section clinic-section">
      <h2 id="clinic-types-title">Appointment types</h2>
      <p className="muted">What the front desk can book. Deactivated types stay on past appointments but are no longer offered.</p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={action.error} />
      {list.data ? (
        <>
          {list.error ? <ErrorBanner error={list.error} onRetry={reload} /> : null}
          <AppointmentTypesTable
            types={list.data}
            busyId={action.busyId}
            onEdit={(type) => {
              setNotice(null);
              setEditing(type);
            }}
            onSetActive={setActive}
          />
          {editing ? (
            <AppointmentTypeForm
              key={`${editing.id}:${editing.version}`}
              type={editing}
              onSaved={(saved) => {
                changed(`Saved the appointment type ${saved.name}.`);
                closeEditor(saved.id);
              }}
              onCancel={() => closeEditor(editing.id)}
            />
          ) : (
            <AppointmentTypeForm type={null} onSaved={(saved) => changed(`Added the appointment type ${saved.name}.`)} />
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
