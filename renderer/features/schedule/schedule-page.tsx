import { useCallback, useEffect, useMemo, useState } from 'react';
import { personName, type Appointment } from '../../../common/domain/scheduling';
import { mondayOf } from '../../../common/domain/time-zone';
import { useSignedInSession } from '../auth/session-context';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { SelectField } from '../../ui/select-field';
import { focusAppointment } from './appointment-block';
import { AppointmentPanel } from './appointment-panel';
import { BookingForm, type BookingDraft } from './booking-form';
import { clinicDate, clinicTime, clinicToday, formatDay, formatLongDay, shiftDate } from './clinic-time';
import { InputField } from '../../ui/input-field';
import { ModalDialog } from '../../ui/modal-dialog';
import { TimeGrid, type GridColumn } from './time-grid';
import { useScheduleSetup, type ScheduleSetup } from './use-schedule-setup';
import { useScheduleView, type ScheduleMode, type ScheduleView } from './use-schedule-view';
import { WalkInForm } from './walk-in-form';
import { WeekList } from './week-list';
import './schedule.css';

const ALL = '';

type Dialog = { kind: 'book'; draft: BookingDraft } | { kind: 'walk-in' } | null;

/** Single-key shortcuts, ignored while typing in a field or with a modifier held. */
function useShortcuts(handlers: Record<string, () => void>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, select, textarea, dialog') || target.isContentEditable)) return;
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [handlers]);
}

export function SchedulePage() {
  const setup = useScheduleSetup();
  return (
    <>
      <PageHeader title="Schedule" description="Book, move and cancel appointments; day and week per provider or for the whole clinic." />
      {setup.data ? <ScheduleScreen setup={setup.data} /> : setup.error ? <ErrorBanner error={setup.error} onRetry={setup.reload} /> : <LoadingMessage />}
    </>
  );
}

/** Day: a column per provider. One provider's week: a column per day. */
function columnsOf(data: ScheduleView, zone: string): GridColumn[] {
  return data.view.providers.map((p) => ({
    key: `${p.providerId}:${p.date}`,
    label: data.mode === 'day' ? p.providerName : formatDay(p.date),
    providerId: p.providerId,
    date: p.date,
    hours: p.hours,
    breaks: p.breaks,
    appointments: data.view.appointments.filter((a) => a.providerId === p.providerId && clinicDate(a.startsAt, zone) === p.date),
  }));
}

function ScheduleScreen({ setup }: { setup: ScheduleSetup }) {
  const { permissions } = useSignedInSession();
  const canWrite = permissions.includes('schedule.write');
  const zone = setup.timeZone;
  const [mode, setMode] = useState<ScheduleMode>('day');
  const [date, setDate] = useState(() => clinicToday(zone));
  const [providerId, setProviderId] = useState(ALL);
  const [selected, setSelected] = useState<Appointment | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const viewDate = mode === 'week' ? mondayOf(date) : date;
  const view = useScheduleView(mode, viewDate, providerId === ALL ? null : providerId);

  // The open appointment follows reloads (another window may have changed it).
  const current = useMemo(() => (selected ? (view.data?.view.appointments.find((a) => a.id === selected.id) ?? selected) : null), [selected, view.data]);

  const step = mode === 'day' ? 1 : 7;
  const openBooking = useCallback(
    (draft?: Partial<BookingDraft>) => {
      if (!canWrite) return;
      setNotice(null);
      setDialog({ kind: 'book', draft: { date, ...(providerId !== ALL ? { providerId } : {}), ...draft } });
    },
    [canWrite, date, providerId],
  );
  const shortcuts = useMemo(
    () => ({
      n: () => openBooking(),
      w: () => canWrite && setDialog({ kind: 'walk-in' }),
      t: () => setDate(clinicToday(zone)),
      '[': () => setDate((d) => shiftDate(d, -step)),
      ']': () => setDate((d) => shiftDate(d, step)),
    }),
    [openBooking, canWrite, zone, step],
  );
  useShortcuts(shortcuts);

  const closeDialog = () => setDialog(null);
  const changed = (message: string, appointment: Appointment | null) => {
    setDialog(null);
    setNotice(message);
    view.reload();
    if (appointment) setSelected(appointment);
  };

  const providerChoices = [{ value: ALL, label: 'All providers' }, ...setup.providers.map((p) => ({ value: p.id, label: personName(p) }))];
  const title = mode === 'day' ? formatLongDay(date) : `Week of ${formatLongDay(viewDate)}`;

  return (
    <>
      <div className="toolbar schedule-toolbar">
        <SelectField label="View" name="mode" value={mode} options={[{ value: 'day', label: 'Day' }, { value: 'week', label: 'Week' }]} onChange={setMode} />
        <SelectField label="Provider" name="provider" value={providerId} options={providerChoices} onChange={setProviderId} />
        <InputField label="Date" name="date" type="date" value={date} onChange={(d) => d && setDate(d)} />
        <div className="schedule-toolbar__buttons">
          <Button variant="secondary" onClick={() => setDate(shiftDate(date, -step))} aria-keyshortcuts="[">
            {mode === 'day' ? 'Previous day' : 'Previous week'}
          </Button>
          <Button variant="secondary" onClick={() => setDate(clinicToday(zone))} aria-keyshortcuts="t">
            Today
          </Button>
          <Button variant="secondary" onClick={() => setDate(shiftDate(date, step))} aria-keyshortcuts="]">
            {mode === 'day' ? 'Next day' : 'Next week'}
          </Button>
          {canWrite ? (
            <>
              <Button variant="primary" onClick={() => openBooking()} aria-keyshortcuts="n">
                New appointment
              </Button>
              <Button variant="secondary" onClick={() => setDialog({ kind: 'walk-in' })} aria-keyshortcuts="w">
                Walk-in
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <p className="muted schedule-keys">
        Keys: <kbd>n</kbd> new appointment, <kbd>w</kbd> walk-in, <kbd>t</kbd> today, <kbd>[</kbd> / <kbd>]</kbd> previous / next. Times are clinic time ({zone}).
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <h2 className="schedule-title">{title}</h2>
      {view.error ? <ErrorBanner error={view.error} onRetry={view.reload} /> : null}
      {view.data ? (
        view.data.mode === 'week' && providerId === ALL ? (
          <WeekList days={view.data.view.days} appointments={view.data.view.appointments} zone={zone} selectedId={current?.id ?? null} onSelect={setSelected} />
        ) : view.data.view.providers.length === 0 ? (
          <p className="muted">No active providers yet. An administrator adds them under Clinic.</p>
        ) : (
          <TimeGrid
            caption={`${title}: appointments by ${mode === 'day' ? 'provider' : 'day'}`}
            columns={columnsOf(view.data, zone)}
            zone={zone}
            selectedId={current?.id ?? null}
            onSelect={setSelected}
            onPickSlot={(column, time) => openBooking({ providerId: column.providerId, date: column.date, time })}
          />
        )
      ) : !view.error ? (
        <LoadingMessage />
      ) : null}
      {view.data ? <CancelledList view={view.data} zone={zone} onSelect={setSelected} /> : null}
      {current ? (
        <AppointmentPanel
          key={`${current.id}:${current.version}`}
          appointment={current}
          setup={setup}
          onChanged={changed}
          onClose={() => {
            const id = current.id;
            setSelected(null);
            requestAnimationFrame(() => focusAppointment(id));
          }}
        />
      ) : null}
      {dialog?.kind === 'book' ? (
        <ModalDialog title="New appointment" onClose={closeDialog}>
          <BookingForm setup={setup} draft={dialog.draft} onBooked={changed} />
        </ModalDialog>
      ) : null}
      {dialog?.kind === 'walk-in' ? (
        <ModalDialog title="Walk-in" onClose={closeDialog}>
          <WalkInForm setup={setup} onDone={changed} />
        </ModalDialog>
      ) : null}
    </>
  );
}

/** Cancelled appointments and no-shows free their time, so they are listed apart from the grid. */
function CancelledList({ view, zone, onSelect }: { view: ScheduleView; zone: string; onSelect: (a: Appointment) => void }) {
  const gone = view.view.appointments.filter((a) => a.status === 'cancelled' || a.status === 'no_show');
  if (gone.length === 0) return null;
  return (
    <details className="cancelled-list">
      <summary>
        Cancelled and no-shows ({gone.length})
      </summary>
      <ul className="appt-list">
        {gone.map((a) => (
          <li key={a.id}>
            <button type="button" className="link-button" onClick={() => onSelect(a)} data-appointment-id={a.id}>
              {formatDay(clinicDate(a.startsAt, zone))} {clinicTime(a.startsAt, zone)} — {a.patientName}, {a.providerName}
              {a.status === 'no_show' ? ' (no-show)' : ` (cancelled${a.cancelReason ? `: ${a.cancelReason}` : ''})`}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
