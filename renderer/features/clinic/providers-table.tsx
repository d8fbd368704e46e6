import type { Provider } from '../../../common/domain/clinic';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { EDIT_ROW_ATTRIBUTE } from './focus-row-button';

export interface ProvidersTableProps {
  providers: readonly Provider[];
  busyId: string | null;
  onEdit: (provider: Provider) => void;
  onSetActive: (provider: Provider, active: boolean) => void;
}

export function ProvidersTable({ providers, busyId, onEdit, onSetActive }: ProvidersTableProps) {
  const columns: Column<Provider>[] = [
    { header: 'Name', rowHeader: true, cell: (p) => p.displayName },
    { header: 'Specialty', cell: (p) => p.specialty ?? '—' },
    { header: 'License number', cell: (p) => p.licenseNumber ?? '—' },
    { header: 'Staff account', cell: (p) => p.username ?? '—' },
    {
      header: 'Status',
      cell: (p) => (p.active ? <span className="badge badge--ok">Active</span> : <span className="badge badge--muted">Inactive</span>),
    },
    {
      header: 'Actions',
      className: 'data-table__actions',
      cell: (p) => {
        const busy = busyId === p.id;
        return (
          <div className="row-actions">
            <Button variant="quiet" onClick={() => onEdit(p)} aria-label={`Edit ${p.displayName}`} {...{ [EDIT_ROW_ATTRIBUTE]: p.id }}>
              Edit
            </Button>
            <Button
              variant={p.active ? 'danger' : 'secondary'}
              aria-disabled={busy || undefined}
              aria-label={`${p.active ? 'Deactivate' : 'Reactivate'} ${p.displayName}`}
              onClick={() => {
                if (!busy) onSetActive(p, !p.active);
              }}
            >
              {p.active ? 'Deactivate' : 'Reactivate'}
            </Button>
          </div>
        );
      },
    },
  ];
  return (
    <DataTable
      caption="Providers"
      captionHidden
      columns={columns}
      rows={providers}
      rowKey={(p) => p.id}
      emptyMessage="There are no providers yet."
    />
  );
}
