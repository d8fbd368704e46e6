import { describeDeviceState, type DeviceState, type DeviceStatus } from '../../../common/domain/devices';

const STATE_TONES: Record<DeviceState, string> = {
  disabled: 'badge--muted',
  disconnected: 'badge--warn',
  connecting: 'badge--warn',
  connected: 'badge--ok',
  receiving: 'badge--ok device-badge--receiving',
  idle: 'badge--ok',
  error: 'badge--danger',
};

/** "Connected", "Error: port vanished", ...: the state in words, never by colour alone. */
export function deviceStateText(status: Pick<DeviceStatus, 'state' | 'reason'>): string {
  return describeDeviceState(status);
}

/** The live connection state of one device; a polite live region so changes are announced. */
export function DeviceStatusBadge({ status, deviceName }: { status: DeviceStatus; deviceName: string }) {
  // An error carries its reason in the badge; a disconnect says why underneath.
  const detail = status.state !== 'error' && status.reason ? status.reason : null;
  return (
    <span role="status" aria-label={`${deviceName}: ${deviceStateText(status)}${detail ? ` (${detail})` : ''}`}>
      <span className={`badge device-badge ${STATE_TONES[status.state]}`}>{deviceStateText(status)}</span>
      {detail ? <span className="data-table__sub">{detail}</span> : null}
    </span>
  );
}
