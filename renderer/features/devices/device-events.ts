import type { PushEvent } from '../../../common/contract';

export function isDeviceStatusEvent(event: PushEvent): event is PushEvent<'devices.status'> {
  return event.name === 'devices.status';
}

export function isMonitorEvent(event: PushEvent): event is PushEvent<'devices.monitor'> {
  return event.name === 'devices.monitor';
}
