import type { QueueEntry } from '../../../common/contract/queue.contract';

/** Same rule as main: minutes since arrival while waiting; frozen once in a room. */
export function waitingMinutesAt(e: Pick<QueueEntry, 'status' | 'arrivedAt' | 'inRoomAt' | 'waitingMinutes'>, nowMs: number): number | null {
  if (e.status !== 'arrived' || e.arrivedAt === null) return e.waitingMinutes;
  return Math.max(0, Math.floor((nowMs - Date.parse(e.arrivedAt)) / 60_000));
}

export function formatWaiting(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
