import { describe, expect, it } from 'vitest';
import type { WorkingHoursEntry } from '../../../common/domain/scheduling';
import { daysOff, describeEntry, describeValidity, groupByWeekday } from '../../../renderer/features/clinic/working-hours-week';

let next = 0;
function entry(weekday: number, kind: 'work' | 'break', startTime: string, endTime: string, validFrom: string | null = null, validTo: string | null = null): WorkingHoursEntry {
  next += 1;
  return { id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`, providerId: '00000000-0000-4000-8000-000000000000', weekday, kind, startTime, endTime, validFrom, validTo };
}

describe('a provider’s week on the Schedules tab', () => {
  it('groups entries by weekday from Monday, each day by start time, work before a break starting with it', () => {
    const entries = [entry(6, 'break', '10:30', '10:45'), entry(1, 'break', '12:00', '13:00'), entry(6, 'work', '09:00', '13:00'), entry(1, 'work', '08:00', '17:00'), entry(6, 'break', '09:00', '09:15')];
    const groups = groupByWeekday(entries);
    expect(groups.map((g) => g.label)).toEqual(['Monday', 'Saturday']);
    expect(groups[1]!.entries.map((e) => `${e.kind} ${e.startTime}`)).toEqual(['work 09:00', 'break 09:00', 'break 10:30']);
  });

  it('names the days without any entry as days off', () => {
    expect(daysOff([entry(1, 'work', '08:00', '17:00'), entry(3, 'break', '12:00', '13:00')])).toEqual(['Tuesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
  });

  it('describes validity and whole entries in words', () => {
    expect(describeValidity({ validFrom: null, validTo: null })).toBe('Always');
    expect(describeValidity({ validFrom: '2030-01-01', validTo: null })).toBe('From 2030-01-01');
    expect(describeValidity({ validFrom: null, validTo: '2030-12-31' })).toBe('Until 2030-12-31');
    expect(describeValidity({ validFrom: '2030-01-01', validTo: '2030-12-31' })).toBe('2030-01-01 to 2030-12-31');
    expect(describeValidity({ validFrom: '2030-01-04', validTo: '2030-01-04' })).toBe('Only 2030-01-04');
    expect(describeEntry(entry(6, 'break', '10:30', '10:45', '2030-01-01', '2030-12-31'))).toBe('Saturday 10:30–10:45 break (2030-01-01 to 2030-12-31)');
  });
});
