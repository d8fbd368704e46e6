import { addDays, instantOfWallTime, localDateOf, localMinutesOf, minutesOfWallTime, wallTimeOfMinutes } from '../../../common/domain/time-zone';

/**
 * Times on screen are the clinic's wall clock (its IANA zone from schedule.settings), whatever
 * zone this computer is set to: the front desk books "09:00 at the clinic".
 */
export function clinicTime(instant: string, zone: string): string {
  return wallTimeOfMinutes(localMinutesOf(Date.parse(instant), zone));
}

export function clinicDate(instant: string, zone: string): string {
  return localDateOf(Date.parse(instant), zone);
}

export function clinicToday(zone: string, nowMs: number = Date.now()): string {
  return localDateOf(nowMs, zone);
}

/** The UTC instant of a date and 'HH:MM' typed in the clinic's zone; null if either is incomplete. */
export function instantFromClinic(date: string, time: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return new Date(instantOfWallTime(date, minutesOfWallTime(time), zone)).toISOString();
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Tue 3 Mar" for a calendar date. */
export function formatDay(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}

/** "Tuesday 3 March 2026" for a calendar date. */
export function formatLongDay(date: string): string {
  return longDayFormat.format(new Date(`${date}T00:00:00Z`));
}

/** "Tue 3 Mar, 09:40" for an instant at the clinic. */
export function formatClinicDateTime(instant: string, zone: string): string {
  return `${formatDay(clinicDate(instant, zone))}, ${clinicTime(instant, zone)}`;
}

export function shiftDate(date: string, days: number): string {
  return addDays(date, days);
}
