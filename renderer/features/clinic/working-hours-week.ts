import { WEEKDAY_LABELS, type WorkingHoursEntry, type WorkingHoursKind } from '../../../common/domain/scheduling';

export const KIND_LABELS: Record<WorkingHoursKind, string> = { work: 'Working hours', break: 'Break' };

export interface WeekdayGroup {
  /** ISO weekday, Monday 1 … Sunday 7. */
  weekday: number;
  label: string;
  entries: WorkingHoursEntry[];
}

/** A provider's entries by weekday (Monday first), each day's by start time, work before a break starting at the same time. */
export function groupByWeekday(entries: readonly WorkingHoursEntry[]): WeekdayGroup[] {
  const order = (a: WorkingHoursEntry, b: WorkingHoursEntry) =>
    a.startTime.localeCompare(b.startTime) ||
    (a.kind === b.kind ? 0 : a.kind === 'work' ? -1 : 1) ||
    (a.validFrom ?? '').localeCompare(b.validFrom ?? '') ||
    a.endTime.localeCompare(b.endTime);
  return WEEKDAY_LABELS.map((label, i) => ({ weekday: i + 1, label, entries: entries.filter((e) => e.weekday === i + 1).sort(order) })).filter(
    (group) => group.entries.length > 0,
  );
}

/** The weekdays with no entry at all: the provider's days off. */
export function daysOff(entries: readonly WorkingHoursEntry[]): string[] {
  return WEEKDAY_LABELS.filter((_, i) => !entries.some((e) => e.weekday === i + 1));
}

/** "Always", "From 2026-03-01", "Until 2026-03-31" or "2026-03-01 to 2026-03-31". */
export function describeValidity(entry: Pick<WorkingHoursEntry, 'validFrom' | 'validTo'>): string {
  if (entry.validFrom && entry.validTo) return entry.validFrom === entry.validTo ? `Only ${entry.validFrom}` : `${entry.validFrom} to ${entry.validTo}`;
  if (entry.validFrom) return `From ${entry.validFrom}`;
  if (entry.validTo) return `Until ${entry.validTo}`;
  return 'Always';
}

/** "Monday 12:00–13:00 break (always)": names an entry in buttons, dialogs and messages. */
export function describeEntry(entry: WorkingHoursEntry): string {
  const kind = entry.kind === 'work' ? 'working hours' : 'break';
  return `${WEEKDAY_LABELS[entry.weekday - 1]} ${entry.startTime}–${entry.endTime} ${kind} (${describeValidity(entry).toLowerCase()})`;
}
