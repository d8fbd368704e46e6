import type { PushEvent } from '../../../common/contract';

export function isReadingEvent(event: PushEvent): event is PushEvent<'capture.reading'> {
  return event.name === 'capture.reading';
}

export function isDeviceStatusEvent(event: PushEvent): event is PushEvent<'devices.status'> {
  return event.name === 'devices.status';
}
