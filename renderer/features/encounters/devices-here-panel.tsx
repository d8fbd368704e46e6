import type { OpenEncounter } from '../../../common/domain/captures';
import type { Location } from '../../../common/domain/clinic';
import type { ApiError } from '../../../common/rpc/errors';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { CaptureFocusControl } from './capture-focus-control';
import { deviceStateLabel, deviceStateTone } from './encounter-format';
import type { DeviceWithStatus, LiveDeviceStatuses } from './use-device-statuses';

export interface DevicesHerePanelProps {
  encounter: OpenEncounter;
  devices: LiveDeviceStatuses;
  locations: readonly Location[];
  canCapture: boolean;
  onFocusChanged: (message: string) => void;
  onError: (error: ApiError | null) => void;
}

export function DeviceStatusBadge({ device }: { device: DeviceWithStatus }) {
  return (
    <span className={`badge badge--${deviceStateTone(device.state)}`} role="status" data-device-state={device.state}>
      {deviceStateLabel(device)}
    </span>
  );
}

/** The devices whose readings come into this encounter: its room's, plus any focused here. */
export function DevicesHerePanel({ encounter, devices, locations, canCapture, onFocusChanged, onError }: DevicesHerePanelProps) {
  const placeName = (id: string | null) => locations.find((l) => l.id === id)?.name ?? (id === encounter.locationId ? encounter.locationName : null) ?? '—';
  const here = (devices.devices ?? []).filter((d) => d.locationId !== null && encounter.captureLocationIds.includes(d.locationId));
  const columns: Column<DeviceWithStatus>[] = [
    { header: 'Device', rowHeader: true, cell: (d) => d.name },
    { header: 'Place', cell: (d) => placeName(d.locationId) },
    {
      header: 'Status',
      cell: (d) => (
        <>
          <DeviceStatusBadge device={d} />
          {d.state === 'disconnected' && d.reason ? <span className="muted device-reason">{d.reason}</span> : null}
        </>
      ),
    },
  ];

  return (
    <section className="card encounter-panel" aria-labelledby="devices-here-title">
      <h2 id="devices-here-title">Devices here</h2>
      {!canCapture ? (
        <p className="muted">Device status is shown to staff who capture device readings.</p>
      ) : (
        <>
          {devices.error ? <ErrorBanner error={devices.error} onRetry={devices.reload} /> : null}
          {devices.devices === null && !devices.error ? <LoadingMessage /> : null}
          {devices.devices !== null ? (
            <DataTable
              caption="Devices capturing into this encounter"
              captionHidden
              columns={columns}
              rows={here}
              rowKey={(d) => d.deviceId}
              emptyMessage="No device on this workstation sits where this encounter captures from."
            />
          ) : null}
          <CaptureFocusControl encounter={encounter} locations={locations} placeName={placeName} onChanged={onFocusChanged} onError={onError} />
        </>
      )}
    </section>
  );
}
