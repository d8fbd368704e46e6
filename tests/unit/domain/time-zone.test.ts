import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  dayBoundsOf,
  instantOfWallTime,
  isoWeekday,
  LocalDateSchema,
  localDateOf,
  localMinutesOf,
  mondayOf,
  TimeZoneSchema,
  WallTimeSchema,
} from '../../../common/domain/time-zone';

const iso = (ms: number) => new Date(ms).toISOString();

describe('wall-clock time in a named zone', () => {
  it('converts a Berlin wall time to UTC in winter and in summer', () => {
    expect(iso(instantOfWallTime('2026-01-12', 8 * 60, 'Europe/Berlin'))).toBe('2026-01-12T07:00:00.000Z');
    expect(iso(instantOfWallTime('2026-07-13', 8 * 60, 'Europe/Berlin'))).toBe('2026-07-13T06:00:00.000Z');
    expect(iso(instantOfWallTime('2026-07-13', 8 * 60, 'America/New_York'))).toBe('2026-07-13T12:00:00.000Z');
    expect(iso(instantOfWallTime('2026-07-13', 8 * 60, 'Asia/Kathmandu'))).toBe('2026-07-13T02:15:00.000Z');
  });

  it('handles the spring gap: 02:30 does not exist on 29 March 2026 in Berlin, the clock reads 03:30', () => {
    const t = instantOfWallTime('2026-03-29', 2 * 60 + 30, 'Europe/Berlin');
    expect(iso(t)).toBe('2026-03-29T01:30:00.000Z');
    expect(localMinutesOf(t, 'Europe/Berlin')).toBe(3 * 60 + 30);
  });

  it('handles the autumn overlap: 02:30 happens twice on 25 October 2026 in Berlin, the first is taken', () => {
    const t = instantOfWallTime('2026-10-25', 2 * 60 + 30, 'Europe/Berlin');
    expect(iso(t)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('knows that DST days are 23 and 25 hours long', () => {
    const hours = (date: string) => {
      const { startMs, endMs } = dayBoundsOf(date, 'Europe/Berlin');
      return (endMs - startMs) / 3_600_000;
    };
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-01')).toBe(24);
  });

  it('round-trips every wall time outside a gap, in several zones', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 24 * 12 - 1 }).map((n) => n * 5),
        (zone, dayOffset, minutes) => {
          const date = addDays('2024-01-01', dayOffset);
          const t = instantOfWallTime(date, minutes, zone);
          const inGap = localMinutesOf(t, zone) !== minutes || localDateOf(t, zone) !== date;
          if (!inGap) return;
          // In a gap the clock shows a later time of the same day, never an earlier one.
          expect(localDateOf(t, zone) === date && localMinutesOf(t, zone) > minutes).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does calendar arithmetic without a zone', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
  });

  it('checks dates, wall times and zone names', () => {
    expect(LocalDateSchema.safeParse('2026-02-29').success).toBe(false);
    expect(LocalDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(WallTimeSchema.safeParse('24:00').success).toBe(true);
    expect(WallTimeSchema.safeParse('24:30').success).toBe(false);
    expect(WallTimeSchema.safeParse('8:00').success).toBe(false);
    expect(TimeZoneSchema.safeParse('Europe/Berlin').success).toBe(true);
    expect(TimeZoneSchema.safeParse('Mars/Olympus_Mons').success).toBe(false);
    expect(TimeZoneSchema.safeParse('__proto__').success).toBe(false);
  });
});
