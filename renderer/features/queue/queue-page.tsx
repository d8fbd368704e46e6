import { useEffect, useState } from 'react';
import type { QueueEntry } from '../../../common/contract/queue.contract';
import type { Location } from '../../../common/domain/clinic';
import type { ApiError, Result } from '../../../common/rpc/errors';
import type { Appointment } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { SelectField } from '../../ui/select-field';
import { useSignedInSession } from '../auth/session-context';
import { clinicTime, formatLongDay } from '../schedule/clinic-time';
import { ModalDialog } from '../../ui/modal-dialog';
import { useScheduleSetup } from '../schedule/use-schedule-setup';
import { WalkInForm } from '../schedule/walk-in-form';
import { formatWaiting } from './waiting-time';
import { useQueue } from './use-queue';
import '../schedule/schedule.css';

const NO_ROOM = '';

/** After an action the row's buttons may vanish (it moved section): keep focus on the page. */
function focusRowOf(id: string): void {
  requestAnimationFrame(() => {
    const target = document.querySelector<HTMLElement>(`[data-queue-row="${CSS.escape(id)}"]`) ?? document.getElementById('queue-waiting');
    target?.focus();
  });
}

export function QueuePage() {
  const client = useClient();
  const { permissions } = useSignedInSession();
  const canWrite = permissions.includes('schedule.write');
  const queue = useQueue();
  const setup = useScheduleSetup();
  const locations = useApiQuery(() => client.api.clinic.listLocations({ includeInactive: false }), [client]);
  const rooms: Location[] = (locations.data ?? []).filter((l) => l.kind === 'room');
  const [roomFor, setRoomFor] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  const zone = queue.data?.timeZone ?? setup.data?.timeZone ?? 'UTC';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== 'w' || event.altKey || event.ctrlKey || event.metaKey || !canWrite) return;
      if (target?.closest('input, select, textarea, dialog')) return;
      event.preventDefault();
      setWalkIn(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canWrite]);

  const act = async (entry: QueueEntry, call: () => Promise<Result<Appointment>>, describe: (a: Appointment) => string) => {
    if (busy) return;
    setBusy(entry.id);
    setError(null);
    const result = await call().catch((): Result<Appointment> => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }));
    setBusy(null);
    if (result.ok) {
      setNotice(describe(result.value));
      queue.reload();
      focusRowOf(entry.id);
    } else {
      setError({ ...result.error, message: `${entry.patientName}: ${result.error.message}` });
    }
  };

  const byStatus = (status: QueueEntry['status']) => queue.entries.filter((e) => e.status === status);
  const waiting = [...byStatus('arrived')].sort((a, b) => (a.arrivedAt ?? '').localeCompare(b.arrivedAt ?? ''));
  const actionsGuard = (entry: QueueEntry) => busy === entry.id || undefined;

  const who: Column<QueueEntry> = {
    header: 'Patient',
    rowHeader: true,
    cell: (e) => (
      <span tabIndex={-1} data-queue-row={e.id}>
        {e.patientName} <span className="muted">{e.mrn}</span>
        {e.walkIn ? (
          <>
            {' '}
            <span className="tag">walk-in</span>
          </>
        ) : null}
      </span>
    ),
  };
  const time: Column<QueueEntry> = { header: 'Appointment', cell: (e) => `${clinicTime(e.startsAt, zone)} ${e.typeName}` };
  const provider: Column<QueueEntry> = { header: 'Provider', cell: (e) => e.providerName };

  const waitingColumns: Column<QueueEntry>[] = [
    who,
    provider,
    time,
    { header: 'Arrived', cell: (e) => (e.arrivedAt ? clinicTime(e.arrivedAt, zone) : '—') },
    { header: 'Waiting', cell: (e) => <span className={(e.waitingMinutes ?? 0) >= 30 ? 'badge badge--warn' : ''}>{formatWaiting(e.waitingMinutes)}</span> },
    ...(canWrite
      ? [
          {
            header: 'Actions',
            className: 'data-table__actions',
            cell: (e: QueueEntry) => (
              <div className="row-actions">
                {rooms.length > 0 ? (
                  <SelectField
                    label={`Room for ${e.patientName}`}
                    name={`room-${e.id}`}
                    value={roomFor[e.id] ?? NO_ROOM}
                    options={[{ value: NO_ROOM, label: 'No room chosen' }, ...rooms.map((r) => ({ value: r.id, label: r.name }))]}
                    onChange={(value) => setRoomFor((m) => ({ ...m, [e.id]: value }))}
                  />
                ) : null}
                <Button
                  variant="primary"
                  aria-disabled={actionsGuard(e)}
                  onClick={() => {
                    const locationId = roomFor[e.id];
                    void act(e, () => client.api.queue.moveToRoom({ appointmentId: e.id, ...(locationId ? { locationId } : {}) }), (a) => `${a.patientName} is in ${a.roomName ?? 'a room'} now.`);
                  }}
                >
                  Move to room
                </Button>
              </div>
            ),
          },
        ]
      : []),
  ];

  const inRoomColumns: Column<QueueEntry>[] = [
    who,
    provider,
    { header: 'Room', cell: (e) => e.roomName ?? '—' },
    { header: 'Waited', cell: (e) => formatWaiting(e.waitingMinutes) },
    ...(canWrite
      ? [
          {
            header: 'Actions',
            className: 'data-table__actions',
            cell: (e: QueueEntry) => (
              <Button variant="primary" aria-disabled={actionsGuard(e)} onClick={() => void act(e, () => client.api.queue.complete({ appointmentId: e.id }), (a) => `${a.patientName}’s visit is complete.`)}>
                Complete
              </Button>
            ),
          },
        ]
      : []),
  ];

  const expectedColumns: Column<QueueEntry>[] = [
    who,
    provider,
    time,
    ...(canWrite
      ? [
          {
            header: 'Actions',
            className: 'data-table__actions',
            cell: (e: QueueEntry) => (
              <div className="row-actions">
                <Button variant="primary" aria-disabled={actionsGuard(e)} onClick={() => void act(e, () => client.api.queue.checkIn({ appointmentId: e.id }), (a) => `${a.patientName} is checked in.`)}>
                  Check in
                </Button>
              </div>
            ),
          },
        ]
      : []),
  ];

  const doneColumns: Column<QueueEntry>[] = [who, provider, time, { header: 'Waited', cell: (e) => formatWaiting(e.waitingMinutes) }];

  return (
    <>
      <PageHeader
        title="Today’s queue"
        description={queue.data ? `${formatLongDay(queue.data.date)} — waiting times update every minute and whenever any window changes the queue.` : 'Who is expected, waiting, in a room and done today.'}
        actions={
          canWrite && setup.data ? (
            <Button variant="secondary" onClick={() => setWalkIn(true)} aria-keyshortcuts="w">
              Walk-in
            </Button>
          ) : null
        }
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={error} />
      {queue.error ? <ErrorBanner error={queue.error} onRetry={queue.reload} /> : null}
      {!queue.data && !queue.error ? <LoadingMessage /> : null}
      {queue.data ? (
        <>
          <section className="section" aria-labelledby="queue-waiting">
            <h2 id="queue-waiting" tabIndex={-1}>
              Waiting ({waiting.length})
            </h2>
            <DataTable caption="Waiting patients" captionHidden columns={waitingColumns} rows={waiting} rowKey={(e) => e.id} emptyMessage="Nobody is waiting." />
          </section>
          <section className="section" aria-labelledby="queue-in-room">
            <h2 id="queue-in-room">In a room ({byStatus('in_room').length})</h2>
            <DataTable caption="Patients in a room" captionHidden columns={inRoomColumns} rows={byStatus('in_room')} rowKey={(e) => e.id} emptyMessage="No one is in a room." />
          </section>
          <section className="section" aria-labelledby="queue-expected">
            <h2 id="queue-expected">Expected today ({byStatus('booked').length})</h2>
            <DataTable caption="Booked appointments today" captionHidden columns={expectedColumns} rows={byStatus('booked')} rowKey={(e) => e.id} emptyMessage="No more appointments booked for today." />
          </section>
          <section className="section" aria-labelledby="queue-done">
            <h2 id="queue-done">Done ({byStatus('completed').length})</h2>
            <DataTable caption="Completed visits today" captionHidden columns={doneColumns} rows={byStatus('completed')} rowKey={(e) => e.id} emptyMessage="No completed visits yet." />
          </section>
        </>
      ) : null}
      {walkIn && setup.data ? (
        <ModalDialog title="Walk-in" onClose={() => setWalkIn(false)}>
          <WalkInForm
            setup={setup.data}
            onDone={(message) => {
              setWalkIn(false);
              setNotice(message);
              queue.reload();
            }}
          />
        </ModalDialog>
      ) : null}
    </>
  );
}
