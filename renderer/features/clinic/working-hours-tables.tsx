import type { WorkingHoursEntry } from '../../../common/domain/scheduling';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { daysOff, describeEntry, describeValidity, groupByWeekday, KIND_LABELS } from './working-hours-week';

/** Marks each entry's Remove button so focus can return to it when the confirmation is dismissed. */
export const REMOVE_ENTRY_ATTRIBUTE = 'data-remove-entry';

export function focusRemoveButton(id: string): void {
  document.querySelector<HTMLButtonElement>(`[${REMOVE_ENTRY_ATTRIBUTE}="${CSS.escape(id)}"]`)?.focus();
}

export interface WorkingHoursTablesProps {
  providerName: string;
  entries: readonly WorkingHoursEntry[];
  busyId: string | null;
  onRemove: (entry: WorkingHoursEntry) => void;
}

/** A provider's week: one table per weekday with entries, then the days off. */
export function WorkingHoursTables({ providerName, entries, busyId, onRemove }: WorkingHoursTablesProps) {
  const columns: Column<WorkingHoursEntry>[] = [
    { header: 'Time', rowHeader: true, cell: (e) => `${e.startTime}–${e.endTime}` },
    {
      header: 'Kind',
      cell: (e) => <span className={`badge ${e.kind === 'work' ? 'badge--ok' : 'badge--muted'}`}>{KIND_LABELS[e.kind]}</span>,
    },
    { header: 'Valid', cell: (e) => describeValidity(e) },
    {
      header: 'Actions',
      className: 'data-table__actions',
      cell: (e) => (
        <div className="row-actions">
          <Button
            variant="danger"
            aria-disabled={busyId === e.id || undefined}
            aria-label={`Remove ${describeEntry(e)}`}
            onClick={() => {
              if (busyId !== e.id) onRemove(e);
            }}
            {...{ [REMOVE_ENTRY_ATTRIBUTE]: e.id }}
          >
            Remove
          </Button>
        </div>
      ),
    },
  ];
  const groups = groupByWeekday(entries);
  const off = daysOff(entries);
  if (groups.length === 0) return <p className="muted">{providerName} has no working hours yet, so nothing can be booked with them.</p>;
  return (
    <div className="working-hours-week">
      {groups.map((group) => (
        <DataTable
          key={group.weekday}
          caption={group.label}
          columns={columns}
          rows={group.entries}
          rowKey={(e) => e.id}
          emptyMessage="No working hours on this day."
        />
      ))}
      {off.length > 0 ? <p className="muted">No working hours on {off.join(', ')}.</p> : null}
    </div>
  );
}
