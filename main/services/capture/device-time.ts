import { instantOfWallTime } from '../../../common/domain/time-zone';

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
/** Device clocks drift and are set wrong: further than this before arrival, the arrival time is used. */
const MAX_PAST_MS = 7 * 24 * 3600_000;
/** Nothing is measured after it arrives: a time this far ahead is a wrong clock (or zone). */
const MAX_FUTURE_MS = 5 * 60_000;

/**
 * When a reading was measured, as a UTC instant. Device times without an offset are wall-clock
 * time in the clinic's zone. No time, an unreadable one, one in the future (a device clock set to
 * another zone) or one more than a week old gives the arrival time.
 */
export function observedInstant(observedAt: string | null, receivedAt: Date, clinicZone: string): string {
  if (observedAt) {
    const ms = parseDeviceTime(observedAt, clinicZone);
    const ahead = ms === null ? 0 : ms - receivedAt.getTime();
    if (ms !== null && ahead <= MAX_FUTURE_MS && -ahead <= MAX_PAST_MS) return new Date(ms).toISOString();
  }
  return receivedAt.toISOString();
}

function parseDeviceTime(text: string, zone: string): number | null {
  const local = LOCAL.exec(text);
  if (local) {
    const [, date, hh, mm, ss, frac] = local;
    const base = instantOfWallTime(date!, Number(hh) * 60 + Number(mm), zone);
    const ms = base + Number(ss ?? 0) * 1000 + (frac ? Math.round(Number(frac) * 1000) : 0);
    return Number.isFinite(ms) ? ms : null;
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
