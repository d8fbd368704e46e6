import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../common/rpc/errors';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { berlin, MONDAY, setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';

const TUESDAY = '2026-03-03';

function refusal(result: Result<unknown>) {
  return result.ok ? null : result.error;
}

describe('booking appointments', () => {
  let tw: TestWorkstation;
  let c: ScheduleClinic;
  const count = (sql = 'SELECT count(*) AS n FROM appointments') => (tw.workstation.database.raw.prepare(sql).get() as { n: number }).n;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpScheduleClinic(tw);
  });
  afterAll(async () => tw.close());

  it('books inside working hours and answers with names, MRN, type and colour', async () => {
    const booked = unwrap(
      await c.desk.api.schedule.book({
        patientId: c.patients.emilie,
        providerId: c.providers.maria,
        typeId: c.types.checkup.id,
        startsAt: berlin(TUESDAY, '09:00'),
        notes: 'Bring the old X-ray',
      }),
    );
    expect(booked).toMatchObject({
      patientName: 'Émilie Lefèvre',
      providerName: 'Maria Lindqvist',
      typeName: 'Check-up',
      colour: 'blue',
      startsAt: '2026-03-03T08:00:00.000Z',
      endsAt: '2026-03-03T08:20:00.000Z',
      status: 'booked',
      walkIn: false,
      notes: 'Bring the old X-ray',
      version: 1,
    });
    expect(booked.mrn).toMatch(/^MRN/);
    const audit = tw.workstation.database.raw.prepare("SELECT patient_id FROM audit_events WHERE action = 'schedule.book' ORDER BY seq DESC LIMIT 1").get();
    expect(audit).toEqual({ patient_id: c.patients.emilie });
  });

  it('refuses outside working hours, in a break, on a day off and in the past, saying why', async () => {
    const book = (startsAt: string, typeId = c.types.checkup.id) =>
      c.desk.api.schedule.book({ patientId: c.patients.jonas, providerId: c.providers.maria, typeId, startsAt });
    const before = count();
    expect(refusal(await book(berlin(TUESDAY, '07:50')))).toEqual({
      code: 'VALIDATION',
      field: 'startsAt',
      message: '07:50–08:10 is outside Maria Lindqvist’s working hours on Tuesday 2026-03-03 (08:00–12:00, 13:00–17:00)',
    });
    expect(refusal(await book(berlin(TUESDAY, '16:50')))?.message).toMatch(/outside/);
    expect(refusal(await book(berlin(TUESDAY, '11:50')))).toMatchObject({
      code: 'VALIDATION',
      message: 'Maria Lindqvist is on a break 12:00–13:00 on Tuesday 2026-03-03',
    });
    expect(refusal(await book(berlin('2026-03-07', '10:00')))?.message).toBe('Maria Lindqvist has no working hours on Saturday 2026-03-07');
    expect(refusal(await book(berlin(MONDAY, '08:40')))?.message).toBe('08:40–09:00 on Monday 2026-03-02 is in the past');
    expect(count()).toBe(before);
  });

  it('refuses an overlap with CONFLICT naming the clashing time; touching and other providers are fine', async () => {
    const book = (providerId: string, time: string, typeId = c.types.checkup.id) =>
      c.desk.api.schedule.book({ patientId: c.patients.jonas, providerId, typeId, startsAt: berlin(TUESDAY, time) });
    expect(refusal(await book(c.providers.maria, '08:50', c.types.long.id))).toEqual({
      code: 'CONFLICT',
      field: 'startsAt',
      message: 'Maria Lindqvist is already booked 09:00–09:20 on Tuesday 2026-03-03',
    });
    expect(refusal(await book(c.providers.maria, '09:10'))?.code).toBe('CONFLICT');
    unwrap(await book(c.providers.maria, '09:20'));
    unwrap(await book(c.providers.maria, '08:40'));
    unwrap(await book(c.providers.omar, '09:00'));
  });

  it('refuses unknown or retired references with the field that is wrong', async () => {
    const base = { patientId: c.patients.jonas, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt: berlin(TUESDAY, '14:00') };
    const unknown = '00000000-0000-4000-8000-00000000dead';
    expect(refusal(await c.desk.api.schedule.book({ ...base, patientId: unknown }))).toMatchObject({ code: 'NOT_FOUND', field: 'patientId' });
    expect(refusal(await c.desk.api.schedule.book({ ...base, providerId: unknown }))).toMatchObject({ code: 'NOT_FOUND', field: 'providerId' });
    expect(refusal(await c.desk.api.schedule.book({ ...base, typeId: unknown }))).toMatchObject({ code: 'NOT_FOUND', field: 'typeId' });
    expect(refusal(await c.desk.api.schedule.book({ ...base, locationId: unknown }))).toMatchObject({ code: 'NOT_FOUND', field: 'locationId' });
    expect(refusal(await c.desk.api.schedule.book({ ...base, typeId: c.types.retired.id }))).toMatchObject({ code: 'VALIDATION', field: 'typeId' });
    expect(refusal(await c.desk.api.schedule.book({ ...base, providerId: c.providers.inactive }))).toMatchObject({ code: 'VALIDATION', field: 'providerId' });
    expect(refusal(await c.desk.api.schedule.book({ ...base, patientId: c.patients.inactive }))).toMatchObject({ code: 'VALIDATION', field: 'patientId' });
    expect(refusal(await c.desk.api.schedule.book({ ...base, startsAt: '2026-03-03T13:00:30.000Z' }))).toMatchObject({ code: 'VALIDATION', field: 'startsAt' });
  });

  it('reschedules with the current version, refuses a stale one, and re-checks hours and overlaps', async () => {
    const a = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.omar, typeId: c.types.checkup.id, startsAt: berlin(TUESDAY, '10:00') }));
    const moved = unwrap(await c.desk.api.schedule.reschedule({ id: a.id, expectedVersion: a.version, startsAt: berlin(TUESDAY, '10:30') }));
    expect(moved).toMatchObject({ startsAt: '2026-03-03T09:30:00.000Z', endsAt: '2026-03-03T09:50:00.000Z', version: a.version + 1 });
    expect(refusal(await c.desk.api.schedule.reschedule({ id: a.id, expectedVersion: a.version, startsAt: berlin(TUESDAY, '11:00') }))).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedVersion',
    });
    // Moving onto itself a little later is fine: it does not clash with its own old time.
    unwrap(await c.desk.api.schedule.reschedule({ id: a.id, expectedVersion: moved.version, startsAt: berlin(TUESDAY, '10:40') }));
    const other = await c.desk.api.schedule.reschedule({ id: a.id, expectedVersion: moved.version + 1, startsAt: berlin(TUESDAY, '09:00') });
    expect(refusal(other)).toMatchObject({ code: 'CONFLICT', message: 'Omar Haddad is already booked 09:00–09:20 on Tuesday 2026-03-03' });
    expect(refusal(await c.desk.api.schedule.reschedule({ id: a.id, expectedVersion: moved.version + 1, startsAt: berlin(TUESDAY, '12:10') }))?.message).toMatch(/break/);
    // To another provider, keeping the duration.
    const toMaria = unwrap(await c.desk.api.schedule.reschedule({ id: a.id, expectedVersion: moved.version + 1, startsAt: berlin(TUESDAY, '15:00'), providerId: c.providers.maria }));
    expect(toMaria).toMatchObject({ providerId: c.providers.maria, startsAt: '2026-03-03T14:00:00.000Z', endsAt: '2026-03-03T14:20:00.000Z' });
  });

  it('cancels with a required reason and the current version; the time becomes free again', async () => {
    const a = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.maria, typeId: c.types.long.id, startsAt: berlin(TUESDAY, '15:30') }));
    expect(refusal(await c.desk.api.schedule.cancel({ id: a.id, expectedVersion: a.version, reason: '   ' }))).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    expect(refusal(await c.desk.api.schedule.cancel({ id: a.id, expectedVersion: a.version + 5, reason: 'Patient called' }))?.code).toBe('CONFLICT');
    const cancelled = unwrap(await c.desk.api.schedule.cancel({ id: a.id, expectedVersion: a.version, reason: "'; DROP TABLE appointments; --" }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: "'; DROP TABLE appointments; --" });
    expect(refusal(await c.desk.api.schedule.cancel({ id: a.id, expectedVersion: cancelled.version, reason: 'Again' }))).toMatchObject({
      code: 'CONFLICT',
      message: 'This appointment is cancelled and cannot become cancelled: it is final',
    });
    expect(refusal(await c.desk.api.schedule.reschedule({ id: a.id, expectedVersion: cancelled.version, startsAt: berlin(TUESDAY, '16:00') }))?.code).toBe('CONFLICT');
    unwrap(await c.desk.api.schedule.book({ patientId: c.patients.jonas, providerId: c.providers.maria, typeId: c.types.long.id, startsAt: berlin(TUESDAY, '15:30') }));
  });

  it('marks a no-show only once the appointment has started', async () => {
    const a = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.jonas, providerId: c.providers.omar, typeId: c.types.checkup.id, startsAt: berlin(MONDAY, '09:05') }));
    expect(refusal(await c.desk.api.schedule.markNoShow({ id: a.id, expectedVersion: a.version }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/09:05/) });
    // Within the session's idle timeout; the clock goes back so later tests see 09:00 again.
    tw.clock.advance(6 * 60_000);
    try {
      expect(unwrap(await c.desk.api.schedule.markNoShow({ id: a.id, expectedVersion: a.version })).status).toBe('no_show');
    } finally {
      tw.clock.advance(-6 * 60_000);
    }
  });

  it('finds the next free slot for a provider and type, after a given time', async () => {
    const next = unwrap(await c.desk.api.schedule.nextFreeSlot({ providerId: c.providers.maria, typeId: c.types.checkup.id, after: berlin(TUESDAY, '08:30') }));
    // 08:40–09:00 and 09:00–09:40 are taken on Tuesday.
    expect(next.slot).toEqual({ startsAt: berlin(TUESDAY, '09:40'), endsAt: berlin(TUESDAY, '10:00') });
    const now = unwrap(await c.desk.api.schedule.nextFreeSlot({ providerId: c.providers.maria, typeId: c.types.long.id }));
    expect(now.slot?.startsAt).toBe(berlin(MONDAY, '09:00'));
    const past = unwrap(await c.desk.api.schedule.nextFreeSlot({ providerId: c.providers.maria, typeId: c.types.long.id, after: '2020-01-01T00:00:00.000Z' }));
    expect(past.slot?.startsAt).toBe(berlin(MONDAY, '09:00'));
  });

  it('books weekly occurrences, reporting each conflict and booking the free weeks', async () => {
    const blocker = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.omar, typeId: c.types.checkup.id, startsAt: berlin('2026-03-18', '11:00') }));
    const before = count();
    const result = unwrap(
      await c.desk.api.schedule.bookRecurring({
        patientId: c.patients.jonas,
        providerId: c.providers.omar,
        typeId: c.types.checkup.id,
        startsAt: berlin('2026-03-04', '11:00'),
        weeks: 6,
      }),
    );
    expect(result.occurrences.map((o) => [o.startsAt, o.outcome])).toEqual([
      ['2026-03-04T10:00:00.000Z', 'booked'],
      ['2026-03-11T10:00:00.000Z', 'booked'],
      ['2026-03-18T10:00:00.000Z', 'conflict'],
      ['2026-03-25T10:00:00.000Z', 'booked'],
      // Summer time from 29 March: 11:00 in Berlin stays 11:00 on the wall.
      ['2026-04-01T09:00:00.000Z', 'booked'],
      ['2026-04-08T09:00:00.000Z', 'booked'],
    ]);
    expect(result.occurrences[2]!.reason).toBe('Omar Haddad is already booked 11:00–11:20 on Wednesday 2026-03-18');
    expect(result).toMatchObject({ bookedCount: 5, conflictCount: 1 });
    expect(count()).toBe(before + 5);
    const group = tw.workstation.database.raw.prepare('SELECT count(*) AS n FROM appointments WHERE recurrence_group_id = ?').get(result.recurrenceGroupId) as { n: number };
    expect(group.n).toBe(5);
    expect(blocker.status).toBe('booked');
  });

  it('books nothing when all-or-nothing is asked and one week conflicts', async () => {
    const before = count();
    const result = unwrap(
      await c.desk.api.schedule.bookRecurring({
        patientId: c.patients.emilie,
        providerId: c.providers.omar,
        typeId: c.types.checkup.id,
        startsAt: berlin('2026-04-01', '11:10'),
        weeks: 3,
        allOrNothing: true,
      }),
    );
    expect(result.occurrences.map((o) => o.outcome)).toEqual(['conflict', 'conflict', 'not_booked']);
    expect(result).toMatchObject({ recurrenceGroupId: null, bookedCount: 0, conflictCount: 2 });
    expect(count()).toBe(before);
  });

  it('shows the day of one provider or the whole clinic, with working hours and breaks', async () => {
    const clinic = unwrap(await c.nurse.api.schedule.day({ date: TUESDAY }));
    expect(clinic.timeZone).toBe('Europe/Berlin');
    expect(clinic.providers.map((p) => p.providerName)).toEqual(['Omar Haddad', 'Maria Lindqvist']);
    expect(clinic.providers[0]!.hours).toEqual([
      { startsAt: berlin(TUESDAY, '08:00'), endsAt: berlin(TUESDAY, '12:00') },
      { startsAt: berlin(TUESDAY, '13:00'), endsAt: berlin(TUESDAY, '17:00') },
    ]);
    expect(clinic.providers[0]!.breaks).toEqual([{ startsAt: berlin(TUESDAY, '12:00'), endsAt: berlin(TUESDAY, '13:00') }]);
    const starts = clinic.appointments.map((a) => a.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect(new Set(clinic.appointments.map((a) => a.providerId))).toEqual(new Set([c.providers.maria, c.providers.omar]));

    const maria = unwrap(await c.nurse.api.schedule.day({ date: TUESDAY, providerId: c.providers.maria }));
    expect(maria.providers.map((p) => p.providerId)).toEqual([c.providers.maria]);
    expect(maria.appointments.every((a) => a.providerId === c.providers.maria)).toBe(true);
    expect(maria.appointments.length).toBeLessThan(clinic.appointments.length);
  });

  it('shows a week across the DST change with 7 days per provider', async () => {
    const week = unwrap(await c.desk.api.schedule.week({ weekStart: '2026-03-23', providerId: c.providers.omar }));
    expect(week.days).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect(week.providers).toHaveLength(7);
    expect(week.providers.filter((d) => d.hours.length > 0).map((d) => d.date)).toEqual(week.days.slice(0, 5));
    expect(week.appointments.map((a) => a.startsAt)).toEqual(['2026-03-25T10:00:00.000Z']);
    expect(refusal(await c.desk.api.schedule.week({ weekStart: '2026-03-23', providerId: '00000000-0000-4000-8000-00000000dead' }))?.code).toBe('NOT_FOUND');
  });
});

describe('appointment types, working hours and the clinic time zone', () => {
  let tw: TestWorkstation;
  let c: ScheduleClinic;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpScheduleClinic(tw);
  });
  afterAll(async () => tw.close());

  it('lets administrators create and edit types with their version; names are unique; the front desk only reads', async () => {
    const listed = unwrap(await c.desk.api.schedule.listAppointmentTypes({}));
    expect(listed.map((t) => t.name)).toEqual(['Check-up', 'Long consultation']);
    expect(unwrap(await c.desk.api.schedule.listAppointmentTypes({ includeInactive: true }))).toHaveLength(3);

    const created = unwrap(await c.admin.api.schedule.saveAppointmentType({ name: '<b>Vaccination</b>', durationMinutes: 15, colour: 'teal' }));
    expect(created).toMatchObject({ name: '<b>Vaccination</b>', durationMinutes: 15, colour: 'teal', active: true, version: 1 });
    expect(refusal(await c.admin.api.schedule.saveAppointmentType({ name: 'check-UP', durationMinutes: 15, colour: 'teal' }))).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const edited = unwrap(await c.admin.api.schedule.saveAppointmentType({ id: created.id, expectedVersion: 1, name: 'Vaccination', durationMinutes: 10, colour: 'red' }));
    expect(edited).toMatchObject({ name: 'Vaccination', durationMinutes: 10, colour: 'red', version: 2 });
    expect(refusal(await c.admin.api.schedule.saveAppointmentType({ id: created.id, expectedVersion: 1, name: 'Vaccination', durationMinutes: 10, colour: 'red' }))?.code).toBe('CONFLICT');
    expect(refusal(await c.admin.api.schedule.saveAppointmentType({ id: created.id, name: 'X', durationMinutes: 10, colour: 'red' }))).toMatchObject({ code: 'VALIDATION', field: 'expectedVersion' });
    expect(refusal(await c.admin.api.schedule.saveAppointmentType({ name: 'Odd', durationMinutes: 7, colour: 'red' }))).toMatchObject({ code: 'VALIDATION', field: 'durationMinutes' });
    expect(refusal(await c.desk.api.schedule.saveAppointmentType({ name: 'Desk type', durationMinutes: 10, colour: 'red' }))?.code).toBe('FORBIDDEN');
  });

  it('adds and removes working hours, refusing overlaps and backwards times', async () => {
    const base = { providerId: c.providers.maria, weekday: 6, kind: 'work' as const };
    const added = unwrap(await c.admin.api.schedule.addWorkingHours({ ...base, startTime: '09:00', endTime: '12:00', validFrom: '2026-03-07', validTo: '2026-03-28' }));
    const saturday = added.filter((e) => e.weekday === 6);
    expect(saturday).toEqual([expect.objectContaining({ startTime: '09:00', endTime: '12:00', kind: 'work', validFrom: '2026-03-07', validTo: '2026-03-28' })]);
    expect(refusal(await c.admin.api.schedule.addWorkingHours({ ...base, startTime: '11:00', endTime: '13:00' }))).toEqual({
      code: 'CONFLICT',
      field: 'startTime',
      message: 'This overlaps working hours 09:00–12:00 on Saturday',
    });
    // The same hours after the first period has ended are fine.
    unwrap(await c.admin.api.schedule.addWorkingHours({ ...base, startTime: '11:00', endTime: '13:00', validFrom: '2026-04-01' }));
    expect(refusal(await c.admin.api.schedule.addWorkingHours({ ...base, startTime: '13:00', endTime: '12:00' }))).toMatchObject({ code: 'VALIDATION', field: 'endTime' });
    expect(refusal(await c.admin.api.schedule.addWorkingHours({ ...base, startTime: '13:00', endTime: '14:00', validFrom: '2026-05-01', validTo: '2026-04-01' }))).toMatchObject({ code: 'VALIDATION', field: 'validTo' });
    expect(refusal(await c.desk.api.schedule.addWorkingHours({ ...base, startTime: '14:00', endTime: '15:00' }))?.code).toBe('FORBIDDEN');

    // Saturday 7 March is now bookable in the morning.
    unwrap(await c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt: berlin('2026-03-07', '09:00') }));

    const entry = saturday[0]!;
    const after = unwrap(await c.admin.api.schedule.removeWorkingHours({ id: entry.id }));
    expect(after.map((e) => e.id)).not.toContain(entry.id);
    expect(refusal(await c.admin.api.schedule.removeWorkingHours({ id: entry.id }))?.code).toBe('NOT_FOUND');
    expect(unwrap(await c.nurse.api.schedule.workingHours({ providerId: c.providers.maria }))).toEqual(after);
  });

  it('keeps the clinic time zone in settings and books in it', async () => {
    expect(unwrap(await c.desk.api.schedule.settings({}))).toEqual({ timeZone: 'Europe/Berlin' });
    expect(refusal(await c.admin.api.schedule.setTimeZone({ timeZone: 'Mars/Base' }))).toMatchObject({ code: 'VALIDATION', field: 'timeZone' });
    unwrap(await c.admin.api.schedule.setTimeZone({ timeZone: 'America/New_York' }));
    const setting = tw.workstation.database.raw.prepare("SELECT value FROM settings WHERE key = 'clinic.time_zone'").get();
    expect(setting).toEqual({ value: 'America/New_York' });
    // 08:00 on a Thursday in New York is 13:00 UTC.
    const slot = unwrap(await c.desk.api.schedule.nextFreeSlot({ providerId: c.providers.omar, typeId: c.types.checkup.id, after: '2026-03-05T05:00:00.000Z' }));
    expect(slot.slot?.startsAt).toBe('2026-03-05T13:00:00.000Z');
    unwrap(await c.admin.api.schedule.setTimeZone({ timeZone: 'Europe/Berlin' }));
  });
});
