import { useState } from 'react';
import type { Device } from '../../../common/domain/devices';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { ModalDialog } from '../../ui/modal-dialog';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { DeviceStatusBadge } from './device-status-badge';
import { describeTransport } from './device-labels';
import { MONITOR_CAPACITY, useDeviceMonitor } from './use-device-monitor';
import { MonitorLog, type MonitorView } from './monitor-log';

const VIEW_OPTIONS: readonly SelectOption<MonitorView>[] = [
  { value: 'text', label: 'Text (control characters shown)' },
  { value: 'hex', label: 'Hex bytes' },
];

/** The live raw traffic of one device; the monitor runs only while this dialog is open. */
export function MonitorDialog({ device, onClose }: { device: Device; onClose: () => void }) {
  const monitor = useDeviceMonitor(device.id);
  const [view, setView] = useState<MonitorView>('text');
  return (
    <ModalDialog title={`Monitor: ${device.name}`} onClose={onClose}>
      <div className="device-monitor">
        <p className="muted">
          {describeTransport(device.transport)} · <DeviceStatusBadge status={device.status} deviceName={device.name} />
        </p>
        <ErrorBanner error={monitor.error} />
        <div className="toolbar device-monitor__toolbar">
          <SelectField label="View" name="monitorView" value={view} options={VIEW_OPTIONS} onChange={setView} />
          <Button variant="secondary" aria-pressed={monitor.paused} onClick={() => monitor.setPaused(!monitor.paused)}>
            {monitor.paused ? 'Resume' : 'Pause'}
          </Button>
          <Button variant="secondary" onClick={monitor.clear}>
            Clear
          </Button>
        </div>
        <p className="muted" role="status">
          {monitor.paused
            ? `Paused${monitor.waiting > 0 ? `: ${monitor.waiting} new chunk${monitor.waiting === 1 ? '' : 's'} waiting` : ''}.`
            : monitor.started
              ? `Live: showing the last ${MONITOR_CAPACITY} chunks at most.`
              : monitor.error
                ? 'The monitor is not running.'
                : 'Starting the monitor…'}
        </p>
        <MonitorLog
          chunks={monitor.chunks}
          view={view}
          label={`Raw traffic of ${device.name}`}
          follow={!monitor.paused}
          emptyMessage="Nothing received yet. Traffic appears here as it arrives."
        />
      </div>
    </ModalDialog>
  );
}
