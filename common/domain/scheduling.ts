import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import {
  addDays,
  instantOfWallTime,
  isoWeekday,
  localDateOf,
  localMinutesOf,
  LocalDateSchema,
  minutesOfWallTime,
  WallTimeSchema,
} from './time-zone';
import { singleLineText } from './text';

// ---------------------------------------------------------------------------------------------
// Intervals: half-open [start, end) in epoch milliseconds. An appointment ending at 09:20 and one
// starting at 09:20 do not overlap.

export interface Interval {
  start: number;
  end: number;
}

export const MINUTE_MS = 60_000;
/** Slots offered by "next free slot" start on this grid (5 minutes, in every real time zone). */
export const SLOT_GRID_MS = 5 * MINUTE_MS;
/** How far ahead "next free slot" looks before saying there is none. */
export const SLOT_SEARCH_DAYS = 62;

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Sorted, with touching and overlapping intervals joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** `from` minus every interval of `cut`. */
export function subtractIntervals(from: readonly Interval[], cut: readonly Interval[]): Interval[] {
  let pieces = mergeIntervals(from);
  for (const c of mergeIntervals(cut)) {
    pieces = pieces.flatMap((p) => {
      if (!overlaps(p, c)) return [p];
      const rest: Interval[] = [];
      if (p.start < c.start) rest.push({ start: p.start, end: c.start });
      if (c.end < p.end) rest.push({ start: c.end, end: p.end });
      return rest;
    });
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------
// Working hours: wall-clock rules per ISO weekday, with breaks cut out of the working time.

export const WORKING_HOURS_KINDS = ['work', 'break'] as const;
export const WorkingHoursKindSchema = z.enum(WORKING_HOURS_KINDS, { error: 'Kind must be work or break' });
export type WorkingHoursKind = z.infer<typeof WorkingHoursKindSchema>;

export const WEEKDAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface WorkingHoursRule {
  weekday: number;
  startTime: string;
  endTime: string;
  kind: WorkingHoursKind;
  /** Inclusive local dates; null means open-ended. */
  validFrom: string | null;
  validTo: string | null;
}

export function ruleAppliesOn(rule: WorkingHoursRule, date: string): boolean {
  return (
    rule.weekday === isoWeekday(date) &&
    (rule.validFrom === null || rule.validFrom <= date) &&
    (rule.validTo === null || date <= rule.validTo)
  );
}

function ruleInterval(rule: WorkingHoursRule, date: string, zone: string): Interval {
  return {
    start: instantOfWallTime(date, minutesOfWallTime(rule.startTime), zone),
    end: instantOfWallTime(date, minutesOfWallTime(rule.endTime), zone),
  };
}

export interface DayHours {
  /** Bookable time: the work intervals minus the breaks, merged and sorted. */
  available: Interval[];
  breaks: Interval[];
}

/** A provider's bookable time on a local date, as UTC instants (DST-correct). */
export function hoursOn(date: string, rules: readonly WorkingHoursRule[], zone: string): DayHours {
  const applying = rules.filter((r) => ruleAppliesOn(r, date));
  const work = applying.filter((r) => r.kind === 'work').map((r) => ruleInterval(r, date, zone));
  const breaks = mergeIntervals(applying.filter((r) => r.kind === 'break').map((r) => ruleInterval(r, date, zone)));
  return { available: subtractIntervals(work, breaks), breaks };
}

export type PlacementProblem =
  | { kind: 'no-hours' }
  | { kind: 'break'; break: Interval }
  | { kind: 'outside'; available: Interval[] };

/** Why an appointment cannot be placed at `slot` given the day's hours, or null when it fits. */
export function placementProblem(slot: Interval, hours: DayHours): PlacementProblem | null {
  if (hours.available.some((a) => contains(a, slot))) return null;
  const clashingBreak = hours.breaks.find((b) => overlaps(b, slot));
  if (clashingBreak) return { kind: 'break', break: clashingBreak };
  if (hours.available.length === 0) return { kind: 'no-hours' };
  return { kind: 'outside', available: hours.available };
}

// ---------------------------------------------------------------------------------------------
// Next free slot

export interface SlotSearch {
  /** The earliest start considered. */
  afterMs: number;
  durationMs: number;
  /** The provider's occupied time (any order). */
  busy: readonly Interval[];
  /** The bookable intervals of a local date. */
  availableOn: (date: string) => readonly Interval[];
  zone: string;
  maxDays?: number;
  gridMs?: number;
}

function ceilTo(value: number, grid: number): number {
  return Math.ceil(value / grid) * grid;
}

/**
 * The earliest slot of `durationMs` on the grid, at or after `afterMs`, inside the provider's
 * bookable time and clear of every busy interval; null if none within `maxDays` local days.
 */
export function nextFreeSlot(search: SlotSearch): Interval | null {
  const grid = search.gridMs ?? SLOT_GRID_MS;
  const busy = [...search.busy].sort((a, b) => a.start - b.start);
  let date = localDateOf(search.afterMs, search.zone);
  for (let day = 0; day < (search.maxDays ?? SLOT_SEARCH_DAYS); day += 1, date = addDays(date, 1)) {
    const available = mergeIntervals(search.availableOn(date));
    for (const window of available) {
      let start = ceilTo(Math.max(window.start, search.afterMs), grid);
      while (start + search.durationMs <= window.end) {
        const slot = { start, end: start + search.durationMs };
        const clash = busy.find((b) => overlaps(b, slot));
        if (!clash) return slot;
        start = ceilTo(clash.end, grid);
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Recurrence: the same local wall time, every 7 days (so 09:00 stays 09:00 across DST).

export const MAX_RECURRING_WEEKS = 52;

export function weeklyOccurrences(firstStartMs: number, weeks: number, zone: string): number[] {
  const date = localDateOf(firstStartMs, zone);
  const minutes = localMinutesOf(firstStartMs, zone);
  return Array.from({ length: weeks }, (_, k) => (k === 0 ? firstStartMs : instantOfWallTime(addDays(date, 7 * k), minutes, zone)));
}

// ---------------------------------------------------------------------------------------------
// Appointment status flow

export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'in_room', 'completed', 'cancelled', 'no_show'] as const;
export const AppointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>;

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  in_room: 'In room',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** booked → arrived → in room → completed; booked or arrived → cancelled; booked → no-show. */
export const STATUS_TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  booked: ['arrived', 'cancelled', 'no_show'],
  arrived: ['in_room', 'cancelled'],
  in_room: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses that hold the provider's time. Cancelled and no-show appointments free it. */
export const OCCUPYING_STATUSES: readonly AppointmentStatus[] = ['booked', 'arrived', 'in_room', 'completed'];

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** A sentence for the front desk when a status change is not allowed; null when it is. */
export function transitionProblem(from: AppointmentStatus, to: AppointmentStatus): string | null {
  if (canTransition(from, to)) return null;
  const next = STATUS_TRANSITIONS[from];
  const options = next.length === 0 ? 'it is final' : `it can only become ${next.map((s) => APPOINTMENT_STATUS_LABELS[s].toLowerCase()).join(' or ')}`;
  return `This appointment is ${APPOINTMENT_STATUS_LABELS[from].toLowerCase()} and cannot become ${APPOINTMENT_STATUS_LABELS[to].toLowerCase()}: ${options}`;
}

// ---------------------------------------------------------------------------------------------
// Appointment types

/** Colours are names of CSS classes (the CSP forbids inline styles), one palette for every view. */
export const APPOINTMENT_COLOURS = ['blue', 'green', 'teal', 'purple', 'orange', 'red', 'pink', 'grey'] as const;
export const AppointmentColourSchema = z.enum(APPOINTMENT_COLOURS, { error: `Colour must be one of ${APPOINTMENT_COLOURS.join(', ')}` });
export type AppointmentColour = z.infer<typeof AppointmentColourSchema>;

export const AppointmentTypeNameSchema = singleLineText('Type name', 80);
export const DurationMinutesSchema = z
  .number({ error: 'Duration must be a number of minutes' })
  .int({ error: 'Duration must be whole minutes' })
  .min(5, { error: 'Duration must be at least 5 minutes' })
  .max(480, { error: 'Duration must be at most 480 minutes' })
  .refine((n) => n % 5 === 0, { error: 'Duration must be a multiple of 5 minutes' });

export const AppointmentTypeSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  durationMinutes: z.number().int(),
  colour: AppointmentColourSchema,
  active: z.boolean(),
  version: z.number().int(),
});
export type AppointmentType = z.infer<typeof AppointmentTypeSchema>;

export const WorkingHoursEntrySchema = z.object({
  id: UuidSchema,
  providerId: UuidSchema,
  weekday: z.number().int().min(1).max(7),
  startTime: WallTimeSchema,
  endTime: WallTimeSchema,
  kind: WorkingHoursKindSchema,
  validFrom: LocalDateSchema.nullable(),
  validTo: LocalDateSchema.nullable(),
});
export type WorkingHoursEntry = z.infer<typeof WorkingHoursEntrySchema>;

export const ReasonSchema = singleLineText('Reason', 300);
export const NotesSchema = z
  .string({ error: 'Notes must be text' })
  .trim()
  .max(1000, { error: 'Notes must be at most 1000 characters' })
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s), {
    error: 'Notes contain characters that are not allowed',
  });

/** An appointment as every view shows it: who, with whom, what, when, and where it stands. */
export const AppointmentSchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  patientName: z.string(),
  mrn: z.string(),
  providerId: UuidSchema,
  providerName: z.string(),
  typeId: UuidSchema.nullable(),
  typeName: z.string(),
  colour: AppointmentColourSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  status: AppointmentStatusSchema,
  walkIn: z.boolean(),
  recurrenceGroupId: UuidSchema.nullable(),
  locationId: UuidSchema.nullable(),
  roomId: UuidSchema.nullable(),
  roomName: z.string().nullable(),
  arrivedAt: InstantSchema.nullable(),
  inRoomAt: InstantSchema.nullable(),
  completedAt: InstantSchema.nullable(),
  cancelReason: z.string().nullable(),
  notes: z.string().nullable(),
  encounterId: UuidSchema.nullable(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export function personName(p: { givenName: string; familyName: string }): string {
  return `${p.givenName} ${p.familyName}`;
}
