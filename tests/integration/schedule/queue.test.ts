import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { openTransport, recordEvents, type TransportHandle } from '../../support/transports';
import { berlin, MONDAY, setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';

const MINUTE = 60_000;

function refusal(result: Result<unknown>) {
  return result.ok ? null : result.error;
}

describe('check-in and the queue', () => {
  let tw: TestWorkstation;
  let c: ScheduleClinic;
  let bridge: TransportHandle;
  let watcher: ApiClient;

  const encounters = (appointmentId: string) =>
    tw.workstation.database.raw.prepare('SELECT status, started_at, ended_at, location_id FROM encounters WHERE appointment_id = ?').all(appointmentId);

  /** Moves the clock, keeping every session of the suite alive (idle timeout is 15 minutes). */
  const passMinutes = async (minutes: number) => {
    for (let left = minutes; left > 0; left -= 10) {
      tw.clock.advance(Math.min(10, left) * MINUTE);
      for (const client of [c.desk, c.nurse, c.admin, watcher]) unwrap(await client.api.system.ping({}));
    }
  };

  const book = (time: string, providerId = c.providers.maria, date = MONDAY) =>
    c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId, typeId: c.types.checkup.id, startsAt: berlin(date, time) }).then(unwrap);

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpScheduleClinic(tw);
    bridge = await openTransport(tw, 'bridge');
    watcher = bridge.client();
    unwrap(await watcher.api.auth.login({ username: 'nina', password: 'nina password' }));
  });
  afterAll(async () => {
    await bridge.close();
    await tw.close();
  });

  it('checks in, opening the encounter in the same step, and pushes queue.changed to another window over the bridge', async () => {
    const a = await book('09:30');
    const events = recordEvents(tw, watcher);
    await events.barrier();

    const arrived = unwrap(await c.desk.api.queue.checkIn({ appointmentId: a.id }));
    expect(arrived).toMatchObject({ status: 'arrived', arrivedAt: tw.clock.now().toISOString() });
    expect(arrived.encounterId).not.toBeNull();
    expect(encounters(a.id)).toEqual([{ status: 'planned', started_at: null, ended_at: null, location_id: null }]);

    const seen = await events.waitFor((e) => e.name === 'queue.changed');
    expect(seen.payload).toEqual({ appointmentId: a.id, status: 'arrived' });
    await events.waitFor((e) => e.name === 'schedule.changed' && (e.payload as { change: string }).change === 'status');
    events.stop();
    const audit = tw.workstation.database.raw.prepare("SELECT patient_id FROM audit_events WHERE action = 'queue.checkIn' ORDER BY seq DESC LIMIT 1").get();
    expect(audit).toEqual({ patient_id: c.patients.emilie });
  });

  it('leaves the appointment booked when the encounter cannot be opened (one transaction)', async () => {
    const a = await book('10:00');
    // An encounter already linked to the appointment makes the second insert fail on the unique index.
    tw.workstation.database.raw
      .prepare("INSERT INTO encounters (id, patient_id, provider_id, appointment_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'planned', ?, ?)")
      .run('5e000000-0000-4000-8000-000000000001', c.patients.emilie, c.providers.maria, a.id, a.startsAt, a.startsAt);
    const result = await c.desk.api.queue.checkIn({ appointmentId: a.id });
    expect(refusal(result)?.code).toBe('INTERNAL');
    const row = tw.workstation.database.raw.prepare('SELECT status, arrived_at, version FROM appointments WHERE id = ?').get(a.id);
    expect(row).toEqual({ status: 'booked', arrived_at: null, version: 1 });
    expect(encounters(a.id)).toHaveLength(1);
  });

  it('walks the status flow and refuses every step out of order', async () => {
    const a = await book('11:00');
    expect(refusal(await c.desk.api.queue.moveToRoom({ appointmentId: a.id }))).toMatchObject({
      code: 'CONFLICT',
      message: 'This appointment is booked and cannot become in room: it can only become arrived or cancelled or no-show',
    });
    expect(refusal(await c.desk.api.queue.complete({ appointmentId: a.id }))?.code).toBe('CONFLICT');
    unwrap(await c.desk.api.queue.checkIn({ appointmentId: a.id }));
    expect(refusal(await c.desk.api.queue.checkIn({ appointmentId: a.id }))?.code).toBe('CONFLICT');
    const current = unwrap(await c.desk.api.queue.today({})).entries.find((e) => e.id === a.id)!;
    expect(refusal(await c.desk.api.schedule.markNoShow({ id: a.id, expectedVersion: current.version }))?.code).toBe('CONFLICT');
    const roomed = unwrap(await c.desk.api.queue.moveToRoom({ appointmentId: a.id, locationId: c.rooms.one }));
    expect(roomed).toMatchObject({ status: 'in_room', roomId: c.rooms.one, roomName: 'Room 1' });
    expect(encounters(a.id)).toEqual([expect.objectContaining({ status: 'in_progress', location_id: c.rooms.one })]);
    expect(refusal(await c.desk.api.schedule.cancel({ id: a.id, expectedVersion: roomed.version, reason: 'Too late' }))?.code).toBe('CONFLICT');
    const done = unwrap(await c.desk.api.queue.complete({ appointmentId: a.id }));
    expect(done.status).toBe('completed');
    expect(encounters(a.id)).toEqual([expect.objectContaining({ status: 'finished' })]);
    // Nothing comes out of completed.
    for (const step of [c.desk.api.queue.checkIn, c.desk.api.queue.moveToRoom, c.desk.api.queue.complete]) {
      expect(refusal(await step({ appointmentId: a.id }))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/completed and cannot become .*: it is final/) });
    }
    expect(refusal(await c.desk.api.schedule.cancel({ id: a.id, expectedVersion: done.version, reason: 'x' }))?.code).toBe('CONFLICT');
  });

  it('cancelling an arrived patient cancels their encounter too', async () => {
    const a = await book('11:30');
    const arrived = unwrap(await c.desk.api.queue.checkIn({ appointmentId: a.id }));
    unwrap(await c.desk.api.schedule.cancel({ id: a.id, expectedVersion: arrived.version, reason: 'Left before being seen' }));
    expect(encounters(a.id)).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });

  it('checks in only on the appointment’s day, and only people who may write the schedule', async () => {
    const tomorrow = await book('09:00', c.providers.maria, '2026-03-03');
    expect(refusal(await c.desk.api.queue.checkIn({ appointmentId: tomorrow.id }))).toMatchObject({
      code: 'VALIDATION',
      message: 'This appointment is on Tuesday 2026-03-03; patients are checked in on the day',
    });
    expect(refusal(await c.nurse.api.queue.checkIn({ appointmentId: tomorrow.id }))?.code).toBe('FORBIDDEN');
    expect(refusal(await c.desk.api.queue.checkIn({ appointmentId: '00000000-0000-4000-8000-00000000dead' }))).toMatchObject({ code: 'NOT_FOUND', field: 'appointmentId' });
  });

  it('shows today’s queue with waiting minutes from the clock: running while waiting, frozen once in a room', async () => {
    const first = await book('13:00', c.providers.omar);
    const second = await book('13:20', c.providers.omar);
    unwrap(await c.desk.api.queue.checkIn({ appointmentId: first.id }));
    await passMinutes(7);
    unwrap(await c.desk.api.queue.checkIn({ appointmentId: second.id }));
    await passMinutes(5);

    let queue = unwrap(await c.nurse.api.queue.today({}));
    expect(queue).toMatchObject({ date: MONDAY, timeZone: 'Europe/Berlin', now: tw.clock.now().toISOString() });
    const waiting = (id: string) => queue.entries.find((e) => e.id === id)!.waitingMinutes;
    expect(waiting(first.id)).toBe(12);
    expect(waiting(second.id)).toBe(5);

    unwrap(await c.desk.api.queue.moveToRoom({ appointmentId: first.id }));
    await passMinutes(20);
    queue = unwrap(await c.nurse.api.queue.today({}));
    expect(waiting(first.id)).toBe(12);
    expect(waiting(second.id)).toBe(25);
    // Booked appointments are listed for check-in, without a waiting time; tomorrow's are not.
    expect(queue.entries.filter((e) => e.status === 'booked').every((e) => e.waitingMinutes === null)).toBe(true);
    expect(queue.entries.every((e) => e.startsAt.startsWith('2026-03-02'))).toBe(true);
    expect(queue.entries.some((e) => e.status === 'cancelled')).toBe(false);
  });

  it('registers a walk-in at the next free slot today, already arrived, with an encounter', async () => {
    const events = recordEvents(tw, watcher);
    await events.barrier();
    const walkIn = unwrap(await c.desk.api.schedule.walkIn({ patientId: c.patients.jonas, providerId: c.providers.maria, typeId: c.types.long.id }));
    expect(walkIn).toMatchObject({ status: 'arrived', walkIn: true, providerId: c.providers.maria, arrivedAt: tw.clock.now().toISOString() });
    expect(Date.parse(walkIn.startsAt)).toBeGreaterThanOrEqual(tw.clock.now().getTime());
    expect(Date.parse(walkIn.endsAt) - Date.parse(walkIn.startsAt)).toBe(60 * MINUTE);
    expect(encounters(walkIn.id)).toEqual([expect.objectContaining({ status: 'planned' })]);
    await events.waitFor((e) => e.name === 'queue.changed' && (e.payload as { appointmentId: string }).appointmentId === walkIn.id);
    events.stop();

    // Without a provider: whoever is free first.
    const anyone = unwrap(await c.desk.api.schedule.walkIn({ patientId: c.patients.emilie, typeId: c.types.checkup.id }));
    expect([c.providers.maria, c.providers.omar]).toContain(anyone.providerId);
    const queue = unwrap(await c.desk.api.queue.today({}));
    expect(queue.entries.find((e) => e.id === anyone.id)).toMatchObject({ waitingMinutes: 0, walkIn: true });
  });

  it('refuses a walk-in when no time is left today', async () => {
    // 16:50 in Berlin: a 60-minute visit no longer fits before 17:00.
    tw.clock.set(new Date(berlin(MONDAY, '16:50')));
    for (const client of [c.desk]) unwrap(await client.api.auth.login({ username: 'desk', password: 'desk password' }));
    const refused = await c.desk.api.schedule.walkIn({ patientId: c.patients.jonas, typeId: c.types.long.id });
    expect(refusal(refused)).toEqual({ code: 'CONFLICT', field: 'typeId', message: 'No provider has 60 free minutes left today' });
    const one = await c.desk.api.schedule.walkIn({ patientId: c.patients.jonas, providerId: c.providers.omar, typeId: c.types.long.id });
    expect(refusal(one)).toMatchObject({ code: 'CONFLICT', field: 'providerId', message: 'Omar Haddad has no free 60 minutes left today' });
  });
});
