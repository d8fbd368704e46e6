import { z } from 'zod';

/**
 * Wall-clock arithmetic in a named IANA time zone with nothing but Intl, so it runs in main, the
 * renderer and the server alike. Working hours are wall-clock times ("08:00 in Europe/Berlin");
 * appointments are UTC instants. These functions are the only bridge between the two.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HALF_DAY_MS = DAY_MS / 2;

/** 'YYYY-MM-DD', a calendar date in the clinic's zone. */
export const LocalDateSchema = z
  .string({ error: 'Date must be text' })
  .max(10, { error: 'Date must look like 2026-03-02' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date must look like 2026-03-02' })
  .refine((s) => isRealDate(s), { error: 'Date is not a day of the calendar' });
export type LocalDate = z.infer<typeof LocalDateSchema>;

/** 'HH:MM', 24-hour wall-clock time; '24:00' is allowed as the end of a day. */
export const WallTimeSchema = z
  .string({ error: 'Time must be text' })
  .max(5, { error: 'Time must look like 08:30' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'Time must look like 08:30 (24-hour clock)' });
export type WallTime = z.infer<typeof WallTimeSchema>;

export const TimeZoneSchema = z
  .string({ error: 'Time zone must be text' })
  .max(64, { error: 'Time zone must be at most 64 characters' })
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, { error: 'Time zone must be an IANA name such as Europe/Berlin' })
  .refine((s) => isKnownTimeZone(s), { error: 'Unknown time zone; use an IANA name such as Europe/Berlin' });

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1900 && y <= 2999;
}

/** Minutes since midnight of an 'HH:MM' value ('24:00' is 1440). */
export function minutesOfWallTime(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function wallTimeOfMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The date `days` after `date` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday on or before `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instantMs: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour === 24 ? 0 : parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
export function zoneOffsetMs(instantMs: number, zone: string): number {
  const w = wallClockAt(instantMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show `date` `minutes` after midnight. Across a DST gap
 * (a wall time that never happens) the result is the same distance after the gap's start, as the
 * clock on the wall would read; across an overlap (a wall time that happens twice) it is the
 * first occurrence.
 */
export function instantOfWallTime(date: string, minutes: number, zone: string): number {
  // Pure and asked for the same few (date, time) pairs over and over by schedule views.
  const key = `${zone}|${date}|${minutes}`;
  const cached = wallTimeCache.get(key);
  if (cached !== undefined) return cached;
  if (wallTimeCache.size >= WALL_TIME_CACHE_LIMIT) wallTimeCache.clear();
  const instant = computeInstantOfWallTime(date, minutes, zone);
  wallTimeCache.set(key, instant);
  return instant;
}

const WALL_TIME_CACHE_LIMIT = 20_000;
const wallTimeCache = new Map<string, number>();

function computeInstantOfWallTime(date: string, minutes: number, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE_MS;
  // Zones change their offset at most a few times a year, so the offsets half a day either side
  // are the only two candidates.
  const before = zoneOffsetMs(wall - HALF_DAY_MS, zone);
  const after = zoneOffsetMs(wall + HALF_DAY_MS, zone);
  if (before === after) return wall - before;
  const shows = (t: number) => t + zoneOffsetMs(t, zone) === wall;
  const valid = [wall - before, wall - after].filter(shows);
  // Overlap: both readings happen, take the first. Gap: neither does, the clock reads `wall`
  // shifted by the jump, which is what the offset before the jump gives.
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

/** The zone's calendar date at an instant. */
export function localDateOf(instantMs: number, zone: string): string {
  const w = wallClockAt(instantMs, zone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Minutes since the zone's local midnight at an instant. */
export function localMinutesOf(instantMs: number, zone: string): number {
  const w = wallClockAt(instantMs, zone);
  return w.hour * 60 + w.minute;
}

/** 'HH:MM' in the zone at an instant, for messages. */
export function localWallTimeOf(instantMs: number, zone: string): string {
  return wallTimeOfMinutes(localMinutesOf(instantMs, zone));
}

/** The instants at which a local calendar day starts and ends (23, 24 or 25 hours apart). */
export function dayBoundsOf(date: string, zone: string): { startMs: number; endMs: number } {
  return { startMs: instantOfWallTime(date, 0, zone), endMs: instantOfWallTime(addDays(date, 1), 0, zone) };
}

/** The time zone this process runs in (the default for a clinic that has not chosen one). */
export function systemTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownTimeZone(zone) ? zone : 'UTC';
}
