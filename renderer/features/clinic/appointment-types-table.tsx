import type { AppointmentType } from '../../../common/domain/scheduling';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { colourLabel } from './appointment-type-colours';
import { EDIT_ROW_ATTRIBUTE } from './focus-row-button';

export interface AppointmentTypesTableProps {
  types: readonly AppointmentType[];
  busyId: string | null;
  onEdit: (type: AppointmentType) => void;
  onSetActive: (type: AppointmentType, active: boolean) => void;
}

/** Colours are the schedule's own swatch classes (schedule.css): the CSP forbids inline styles. */
export function AppointmentTypesTable({ types, busyId, onEdit, onSetActive }: AppointmentTypesTableProps) {
  const columns: Column<AppointmentType>[] = [
    { header: 'Name', rowHeader: true, cell: (t) => t.name },
    { header: 'Duration', cell: (t) => `${t.durationMinutes} min` },
    {
      header: 'Colour',
      cell: (t) => (
        <>
          <span className={`swatch swatch--${t.colour}`} aria-hidden="true" /> {colourLabel(t.colour)}
        </>
      ),
    },
    {
      header: 'Status',
      cell: (t) => (t.active ? <span className="badge badge--ok">Active</span> : <span className="badge badge--muted">Inactive</span>),
    },
    {
      header: 'Actions',
      className: 'data-table__actions',
      cell: (t) => {
        const busy = busyId === t.id;
        return (
          <div className="row-actions">
            <Button variant="quiet" onClick={() => onEdit(t)} aria-label={`Edit ${t.name}`} {...{ [EDIT_ROW_ATTRIBUTE]: t.id }}>
              Edit
            </Button>
            <Button
              variant={t.active ? 'danger' : 'secondary'}
              aria-disabled={busy || undefined}
              aria-label={`${t.active ? 'Deactivate' : 'Reactivate'} ${t.name}`}
              onClick={() => {
                if (!busy) onSetActive(t, !t.active);
              }}
            >
              {t.active ? 'Deactivate' : 'Reactivate'}
            </Button>
          </div>
        );
      },
    },
  ];
  return (
    <DataTable
      caption="Appointment types"
      captionHidden
      columns={columns}
      rows={types}
      rowKey={(t) => t.id}
      emptyMessage="There are no appointment types yet. Add one so the front desk can book."
    />
  );
}
