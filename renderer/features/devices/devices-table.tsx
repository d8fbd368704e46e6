import type { Device } from '../../../common/domain/devices';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { formatDateTime } from '../../ui/format-date-time';
import { DeviceStatusBadge } from './device-status-badge';
import { describeTransport, KIND_LABELS, PROTOCOL_LABELS } from './device-labels';

/** Marks a row's Edit and Monitor buttons so focus can return to them when the form or monitor closes. */
const ROW_BUTTON_ATTRIBUTE = { edit: 'data-edit-device', monitor: 'data-monitor-device' } as const;

export function focusDeviceButton(which: keyof typeof ROW_BUTTON_ATTRIBUTE, id: string): void {
  document.querySelector<HTMLButtonElement>(`[${ROW_BUTTON_ATTRIBUTE[which]}="${CSS.escape(id)}"]`)?.focus();
}

export interface DevicesTableProps {
  devices: readonly Device[];
  busyId: string | null;
  onEdit: (device: Device) => void;
  onSetActive: (device: Device, active: boolean) => void;
  onReconnect: (device: Device) => void;
  onMonitor: (device: Device) => void;
  onJournal: (device: Device) => void;
}

function nextRetry(device: Device): string {
  const { nextRetryAt, reconnectAttempt } = device.status;
  if (!nextRetryAt) return '—';
  return `${formatDateTime(nextRetryAt, true)} (attempt ${reconnectAttempt + 1})`;
}

/** The configured devices with their live status and counters, and what can be done to each. */
export function DevicesTable({ devices, busyId, onEdit, onSetActive, onReconnect, onMonitor, onJournal }: DevicesTableProps) {
  const columns: Column<Device>[] = [
    {
      header: 'Name',
      rowHeader: true,
      cell: (d) => (
        <>
          {d.name}
          {d.attachedHere ? null : <span className="data-table__sub">On another workstation</span>}
        </>
      ),
    },
    { header: 'Kind', cell: (d) => KIND_LABELS[d.kind] },
    { header: 'Protocol', cell: (d) => PROTOCOL_LABELS[d.protocol] },
    { header: 'Connection', cell: (d) => <code className="device-transport">{describeTransport(d.transport)}</code> },
    { header: 'Location', cell: (d) => d.locationName ?? <span className="muted">Not placed</span> },
    { header: 'Status', cell: (d) => <DeviceStatusBadge status={d.status} deviceName={d.name} /> },
    { header: 'Last message', cell: (d) => formatDateTime(d.status.lastMessageAt, true) },
    { header: 'Messages', className: 'device-number', cell: (d) => d.status.messagesReceived },
    { header: 'Rejected frames', className: 'device-number', cell: (d) => d.status.framesRejected },
    { header: 'Next retry', cell: nextRetry },
    {
      header: 'Actions',
      className: 'data-table__actions',
      cell: (d) => {
        const busy = busyId === d.id;
        const guard = (action: () => void) => () => {
          if (!busy) action();
        };
        const canReconnect = d.active && d.attachedHere;
        return (
          <div className="row-actions device-row-actions">
            <Button variant="quiet" onClick={() => onEdit(d)} aria-label={`Edit ${d.name}`} {...{ [ROW_BUTTON_ATTRIBUTE.edit]: d.id }}>
              Edit
            </Button>
            <Button
              variant={d.active ? 'danger' : 'secondary'}
              aria-disabled={busy || undefined}
              aria-label={`${d.active ? 'Disable' : 'Enable'} ${d.name}`}
              onClick={guard(() => onSetActive(d, !d.active))}
            >
              {d.active ? 'Disable' : 'Enable'}
            </Button>
            <Button
              variant="secondary"
              aria-disabled={busy || !canReconnect || undefined}
              aria-label={`Reconnect ${d.name}`}
              title={canReconnect ? undefined : d.active ? 'Cabled to another workstation' : 'Enable the device first'}
              onClick={guard(() => {
                if (canReconnect) onReconnect(d);
              })}
            >
              Reconnect
            </Button>
            <Button variant="secondary" aria-label={`Monitor ${d.name}`} onClick={() => onMonitor(d)} {...{ [ROW_BUTTON_ATTRIBUTE.monitor]: d.id }}>
              Monitor
            </Button>
            <Button variant="quiet" aria-label={`Journal of ${d.name}`} onClick={() => onJournal(d)}>
              Journal
            </Button>
          </div>
        );
      },
    },
  ];
  return (
    <DataTable
      caption="Configured devices"
      captionHidden
      columns={columns}
      rows={devices}
      rowKey={(d) => d.id}
      emptyMessage="No devices yet. Add the analyzers, monitors and scales cabled to this workstation."
    />
  );
}
