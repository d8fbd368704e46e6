import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  APPOINTMENT_STATUSES,
  canTransition,
  hoursOn,
  mergeIntervals,
  MINUTE_MS,
  nextFreeSlot,
  overlaps,
  placementProblem,
  SLOT_GRID_MS,
  STATUS_TRANSITIONS,
  subtractIntervals,
  transitionProblem,
  weeklyOccurrences,
  type AppointmentStatus,
  type Interval,
  type WorkingHoursRule,
} from '../../../common/domain/scheduling';
import { instantOfWallTime, localMinutesOf } from '../../../common/domain/time-zone';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);
const ZONE = 'Europe/Berlin';

const weekdays = (startTime: string, endTime: string, kind: 'work' | 'break' = 'work'): WorkingHoursRule[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime, endTime, kind, validFrom: null, validTo: null }));
const RULES = [...weekdays('08:00', '17:00'), ...weekdays('12:00', '13:00', 'break')];

/** Intervals on the 5-minute grid within one day. */
const intervalArb = fc
  .tuple(fc.integer({ min: 0, max: 287 }), fc.integer({ min: 1, max: 36 }))
  .map(([slot, length]): Interval => ({ start: at('2026-03-02T00:00:00.000Z') + slot * SLOT_GRID_MS, end: at('2026-03-02T00:00:00.000Z') + (slot + length) * SLOT_GRID_MS }));

describe('intervals are half-open', () => {
  it('touching intervals do not overlap; sharing a minute does', () => {
    const a = { start: 0, end: 10 };
    expect(overlaps(a, { start: 10, end: 20 })).toBe(false);
    expect(overlaps(a, { start: 9, end: 20 })).toBe(true);
    expect(overlaps(a, { start: 2, end: 3 })).toBe(true);
  });

  it('subtracting leaves nothing that overlaps what was cut, and nothing outside the original', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { maxLength: 6 }), fc.array(intervalArb, { maxLength: 6 }), (from, cut) => {
        const rest = subtractIntervals(from, cut);
        const merged = mergeIntervals(from);
        for (const r of rest) {
          expect(cut.some((c) => overlaps(c, r))).toBe(false);
          expect(merged.some((f) => f.start <= r.start && r.end <= f.end)).toBe(true);
        }
        // Merged output is sorted and disjoint.
        for (let i = 1; i < merged.length; i += 1) expect(merged[i]!.start).toBeGreaterThan(merged[i - 1]!.end);
      }),
    );
  });
});

describe('working hours', () => {
  it('gives the bookable time of a day in the zone, breaks cut out', () => {
    const day = hoursOn('2026-03-02', RULES, ZONE);
    expect(day.available.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-02T07:00:00.000Z', '2026-03-02T11:00:00.000Z'],
      ['2026-03-02T12:00:00.000Z', '2026-03-02T16:00:00.000Z'],
    ]);
    // The same 08:00 after the spring change is an hour earlier in UTC.
    expect(iso(hoursOn('2026-03-30', RULES, ZONE).available[0]!.start)).toBe('2026-03-30T06:00:00.000Z');
    expect(hoursOn('2026-03-07', RULES, ZONE).available).toEqual([]);
  });

  it('applies rules only within their validity dates', () => {
    const rules: WorkingHoursRule[] = [{ weekday: 1, startTime: '09:00', endTime: '10:00', kind: 'work', validFrom: '2026-03-09', validTo: '2026-03-16' }];
    expect(hoursOn('2026-03-02', rules, ZONE).available).toEqual([]);
    expect(hoursOn('2026-03-09', rules, ZONE).available).toHaveLength(1);
    expect(hoursOn('2026-03-16', rules, ZONE).available).toHaveLength(1);
    expect(hoursOn('2026-03-23', rules, ZONE).available).toEqual([]);
  });

  it('says why a slot does not fit: break, outside, or no hours that day', () => {
    const day = hoursOn('2026-03-02', RULES, ZONE);
    const slot = (from: string, minutes: number) => ({ start: at(from), end: at(from) + minutes * MINUTE_MS });
    expect(placementProblem(slot('2026-03-02T08:00:00.000Z', 20), day)).toBeNull();
    expect(placementProblem(slot('2026-03-02T10:50:00.000Z', 20), day)).toMatchObject({ kind: 'break' });
    expect(placementProblem(slot('2026-03-02T06:50:00.000Z', 20), day)).toMatchObject({ kind: 'outside' });
    expect(placementProblem(slot('2026-03-02T15:50:00.000Z', 20), day)).toMatchObject({ kind: 'outside' });
    expect(placementProblem(slot('2026-03-07T08:00:00.000Z', 20), hoursOn('2026-03-07', RULES, ZONE))).toEqual({ kind: 'no-hours' });
  });
});

describe('next free slot', () => {
  const availableOn = (date: string) => hoursOn(date, RULES, ZONE).available;

  it('finds the first gap that fits, skipping the break and the weekend', () => {
    const busy = [{ start: at('2026-03-06T07:00:00.000Z'), end: at('2026-03-06T07:20:00.000Z') }];
    const first = nextFreeSlot({ afterMs: at('2026-03-06T07:00:00.000Z'), durationMs: 30 * MINUTE_MS, busy, availableOn, zone: ZONE });
    expect(first && iso(first.start)).toBe('2026-03-06T07:20:00.000Z');
    const afterBreak = nextFreeSlot({ afterMs: at('2026-03-06T10:45:00.000Z'), durationMs: 30 * MINUTE_MS, busy, availableOn, zone: ZONE });
    expect(afterBreak && iso(afterBreak.start)).toBe('2026-03-06T12:00:00.000Z');
    const monday = nextFreeSlot({ afterMs: at('2026-03-06T15:45:00.000Z'), durationMs: 30 * MINUTE_MS, busy, availableOn, zone: ZONE });
    expect(monday && iso(monday.start)).toBe('2026-03-09T07:00:00.000Z');
  });

  it('rounds up to the 5-minute grid and says null when nothing fits', () => {
    const slot = nextFreeSlot({ afterMs: at('2026-03-02T07:01:30.000Z'), durationMs: 10 * MINUTE_MS, busy: [], availableOn, zone: ZONE });
    expect(slot && iso(slot.start)).toBe('2026-03-02T07:05:00.000Z');
    expect(nextFreeSlot({ afterMs: at('2026-03-02T07:00:00.000Z'), durationMs: 5 * 60 * MINUTE_MS, busy: [], availableOn, zone: ZONE })).toBeNull();
    expect(nextFreeSlot({ afterMs: 0, durationMs: MINUTE_MS, busy: [], availableOn: () => [], zone: ZONE, maxDays: 3 })).toBeNull();
  });

  it('never offers a slot that overlaps a busy interval, leaves the bookable time or starts too early', () => {
    fc.assert(
      fc.property(
        fc.array(intervalArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.integer({ min: 1, max: 24 }).map((n) => n * 5),
        (busy, afterMinute, minutes) => {
          const afterMs = at('2026-03-02T00:00:00.000Z') + afterMinute * MINUTE_MS;
          const slot = nextFreeSlot({ afterMs, durationMs: minutes * MINUTE_MS, busy, availableOn, zone: ZONE, maxDays: 10 });
          if (!slot) return;
          expect(slot.end - slot.start).toBe(minutes * MINUTE_MS);
          expect(slot.start).toBeGreaterThanOrEqual(afterMs);
          expect(slot.start % SLOT_GRID_MS).toBe(0);
          expect(busy.some((b) => overlaps(b, slot))).toBe(false);
          expect(availableOn(new Date(slot.start).toISOString().slice(0, 10)).some((a) => a.start <= slot.start && slot.end <= a.end)).toBe(true);
          // Booking it and asking again gives a slot that overlaps neither.
          const again = nextFreeSlot({ afterMs, durationMs: minutes * MINUTE_MS, busy: [...busy, slot], availableOn, zone: ZONE, maxDays: 10 });
          if (again) expect([...busy, slot].some((b) => overlaps(b, again))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('weekly recurrence', () => {
  it('keeps the local wall time across the DST change', () => {
    const first = instantOfWallTime('2026-03-16', 9 * 60, ZONE);
    const starts = weeklyOccurrences(first, 4, ZONE);
    expect(starts.map(iso)).toEqual([
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ]);
    for (const s of starts) expect(localMinutesOf(s, ZONE)).toBe(9 * 60);
  });
});

describe('the appointment status flow', () => {
  const allowed: [AppointmentStatus, AppointmentStatus][] = [
    ['booked', 'arrived'],
    ['arrived', 'in_room'],
    ['in_room', 'completed'],
    ['booked', 'cancelled'],
    ['arrived', 'cancelled'],
    ['booked', 'no_show'],
  ];

  it('allows exactly the documented steps', () => {
    for (const from of APPOINTMENT_STATUSES) {
      for (const to of APPOINTMENT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
        expect(transitionProblem(from, to) === null, `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('is closed, has no way back, and ends in completed, cancelled or no-show', () => {
    const statuses = fc.constantFrom(...APPOINTMENT_STATUSES);
    fc.assert(
      fc.property(statuses, fc.array(statuses, { maxLength: 10 }), (start, path) => {
        let current = start;
        const seen = new Set([current]);
        for (const next of path) {
          if (!canTransition(current, next)) continue;
          expect(APPOINTMENT_STATUSES).toContain(next);
          // Acyclic: a status once left is never reached again.
          expect(seen.has(next)).toBe(false);
          seen.add(next);
          current = next;
        }
      }),
    );
    for (const final of ['completed', 'cancelled', 'no_show'] as const) expect(STATUS_TRANSITIONS[final]).toEqual([]);
    expect(transitionProblem('completed', 'arrived')).toMatch(/completed and cannot become arrived: it is final/);
  });
});
