import { LOCATION_KIND_LABELS, type Location } from '../../../common/domain/clinic';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { EDIT_ROW_ATTRIBUTE } from './focus-row-button';
import { depthClass, type LocationNode } from './location-tree';

export interface LocationsTableProps {
  nodes: readonly LocationNode[];
  busyId: string | null;
  onEdit: (location: Location) => void;
  onSetActive: (location: Location, active: boolean) => void;
}

/** The locations as an indented tree: each row is followed by what is inside it. */
export function LocationsTable({ nodes, busyId, onEdit, onSetActive }: LocationsTableProps) {
  const columns: Column<LocationNode>[] = [
    {
      header: 'Name',
      rowHeader: true,
      cell: ({ location, depth, path }) => (
        <span className={`location-name ${depthClass(depth)}`}>
          {location.name}
          {depth > 0 ? <span className="visually-hidden"> (in {path.slice(0, path.lastIndexOf(' › '))})</span> : null}
        </span>
      ),
    },
    { header: 'Kind', cell: ({ location }) => LOCATION_KIND_LABELS[location.kind] },
    {
      header: 'Status',
      cell: ({ location }) =>
        location.active ? <span className="badge badge--ok">Active</span> : <span className="badge badge--muted">Inactive</span>,
    },
    {
      header: 'Actions',
      className: 'data-table__actions',
      cell: ({ location }) => {
        const busy = busyId === location.id;
        return (
          <div className="row-actions">
            <Button variant="quiet" onClick={() => onEdit(location)} aria-label={`Edit ${location.name}`} {...{ [EDIT_ROW_ATTRIBUTE]: location.id }}>
              Edit
            </Button>
            <Button
              variant={location.active ? 'danger' : 'secondary'}
              aria-disabled={busy || undefined}
              aria-label={`${location.active ? 'Deactivate' : 'Reactivate'} ${location.name}`}
              onClick={() => {
                if (!busy) onSetActive(location, !location.active);
              }}
            >
              {location.active ? 'Deactivate' : 'Reactivate'}
            </Button>
          </div>
        );
      },
    },
  ];
  return (
    <DataTable
      caption="Locations"
      captionHidden
      columns={columns}
      rows={nodes}
      rowKey={({ location }) => location.id}
      emptyMessage="There are no locations yet. Add the clinic’s site first, then its rooms."
    />
  );
}
