import { useCallback, useRef, useState } from 'react';
import type { Provider } from '../../../common/domain/clinic';
import type { WorkingHoursEntry } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { ModalDialog } from '../../ui/modal-dialog';
import '../schedule/schedule.css';
import { TimeZoneForm } from './time-zone-form';
import { useProviders } from './use-clinic-data';
import { useRowAction } from './use-row-action';
import { useClinicTimeZone, useWorkingHours } from './use-schedule-admin-data';
import { WorkingHoursForm } from './working-hours-form';
import { focusRemoveButton, WorkingHoursTables } from './working-hours-tables';
import { describeEntry } from './working-hours-week';

function providerOptions(providers: readonly Provider[]): SelectOption<string>[] {
  return providers.map((p) => ({ value: p.id, label: p.active ? p.displayName : `${p.displayName} (inactive)` }));
}

/** Each provider's weekly working hours and breaks, and the clinic time zone they are written in. */
export function SchedulesSection() {
  const providers = useProviders();
  const zone = useClinicTimeZone();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const list = providers.data ?? [];
  // Until the administrator chooses, show the first active provider.
  const provider = list.find((p) => p.id === chosenId) ?? list.find((p) => p.active) ?? list[0] ?? null;

  return (
    <section aria-labelledby="clinic-schedules-title" className="section clinic-section">
      <h2 id="clinic-schedules-title">Schedules</h2>
      <p className="muted">When each provider can be booked. Appointments are offered only inside working hours and never in a break.</p>
      {providers.data ? (
        <>
          {providers.error ? <ErrorBanner error={providers.error} onRetry={providers.reload} /> : null}
          {provider ? (
            <>
              <div className="toolbar">
                <SelectField label="Provider" name="providerId" value={provider.id} options={providerOptions(list)} onChange={setChosenId} />
              </div>
              <ProviderWeek key={provider.id} provider={provider} timeZone={zone.data?.timeZone ?? null} />
            </>
          ) : (
            <p className="muted">There are no providers yet. Add them on the Providers tab first.</p>
          )}
        </>
      ) : providers.error ? (
        <ErrorBanner error={providers.error} onRetry={providers.reload} />
      ) : (
        <LoadingMessage />
      )}
      {zone.data ? (
        <TimeZoneForm current={zone.data.timeZone} />
      ) : zone.error ? (
        <ErrorBanner error={zone.error} onRetry={zone.reload} />
      ) : null}
    </section>
  );
}

function ProviderWeek({ provider, timeZone }: { provider: Provider; timeZone: string | null }) {
  const client = useClient();
  const hours = useWorkingHours(provider.id);
  const { reload } = hours;
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<WorkingHoursEntry | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const action = useRowAction<WorkingHoursEntry[]>(changed);

  const keep = (entry: WorkingHoursEntry) => {
    setRemoving(null);
    requestAnimationFrame(() => focusRemoveButton(entry.id));
  };

  const remove = async (entry: WorkingHoursEntry) => {
    setRemoving(null);
    setNotice(null);
    await action.run(describeEntry(entry), entry.id, () => client.api.schedule.removeWorkingHours({ id: entry.id }), () => `Removed ${describeEntry(entry)}.`);
    // The row is gone: keep the keyboard in the week rather than dropping focus to the page.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  return (
    <>
      <h3 ref={headingRef} tabIndex={-1}>
        Weekly hours of {provider.displayName}
      </h3>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={action.error} />
      {hours.data ? (
        <>
          {hours.error ? <ErrorBanner error={hours.error} onRetry={reload} /> : null}
          <WorkingHoursTables providerName={provider.displayName} entries={hours.data} busyId={action.busyId} onRemove={setRemoving} />
        </>
      ) : hours.error ? (
        <ErrorBanner error={hours.error} onRetry={reload} />
      ) : (
        <LoadingMessage />
      )}
      <WorkingHoursForm
        providerId={provider.id}
        providerName={provider.displayName}
        timeZone={timeZone}
        onAdded={changed}
      />
      {removing ? (
        <ModalDialog title="Remove from the week?" onClose={() => keep(removing)}>
          <p>
            Remove {describeEntry(removing)} from {provider.displayName}’s week? Appointments already booked stay as they are.
          </p>
          <div className="form__actions">
            <Button variant="danger" onClick={() => void remove(removing)}>
              Remove
            </Button>
            <Button variant="secondary" onClick={() => keep(removing)}>
              Keep it
            </Button>
          </div>
        </ModalDialog>
      ) : null}
    </>
  );
}
