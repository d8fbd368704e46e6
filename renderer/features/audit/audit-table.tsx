import type { AuditEvent } from '../../../common/domain/audit';
import { DataTable, type Column } from '../../ui/data-table';
import { formatDateTime } from '../../ui/format-date-time';
import { describeAction } from './describe-action';
import { OUTCOME_LABELS, OUTCOME_TONES } from './outcome-labels';

const COLUMNS: readonly Column<AuditEvent>[] = [
  { header: 'Time', cell: (event) => <time dateTime={event.at}>{formatDateTime(event.at, true)}</time> },
  { header: 'User', cell: (event) => event.username ?? <span className="muted">(none)</span> },
  {
    header: 'Action',
    cell: (event) => {
      const summary = describeAction(event.action);
      return (
        <>
          <code>{event.action}</code>
          {summary ? <span className="data-table__sub">{summary}</span> : null}
        </>
      );
    },
  },
  {
    header: 'Outcome',
    cell: (event) => (
      <span className={`badge badge--${OUTCOME_TONES[event.outcome]}`}>{OUTCOME_LABELS[event.outcome]}</span>
    ),
  },
  { header: 'Error code', cell: (event) => (event.errorCode ? <code>{event.errorCode}</code> : '—') },
];

export function AuditTable({ entries }: { entries: readonly AuditEvent[] }) {
  return (
    <DataTable
      caption="Audit events, newest first"
      columns={COLUMNS}
      rows={entries}
      rowKey={(event) => event.id}
      emptyMessage="No audit events match."
    />
  );
}
