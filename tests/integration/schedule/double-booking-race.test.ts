import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { openTransport, type TransportHandle } from '../../support/transports';
import { berlin, setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';

const RACERS = 20;

describe('a provider is never double-booked, even when requests race', () => {
  let tw: TestWorkstation;
  let c: ScheduleClinic;
  let bridge: TransportHandle;

  const rowsAt = (providerId: string, startsAt: string) =>
    (
      tw.workstation.database.raw
        .prepare("SELECT count(*) AS n FROM appointments WHERE provider_id = ? AND starts_at < ? AND ends_at > ? AND status <> 'cancelled'")
        .get(providerId, new Date(Date.parse(startsAt) + 20 * 60_000).toISOString(), startsAt) as { n: number }
    ).n;

  const expectOneWinner = (results: Result<unknown>[]) => {
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(RACERS - 1);
    for (const loser of losers) expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'startsAt' } });
  };

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpScheduleClinic(tw);
    bridge = await openTransport(tw, 'bridge');
  });
  afterAll(async () => {
    await bridge.close();
    await tw.close();
  });

  it(`lets exactly one of ${RACERS} simultaneous bookings of one slot through (one client, in-process)`, async () => {
    const startsAt = berlin('2026-03-04', '10:00');
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        c.desk.api.schedule.book({ patientId: i % 2 ? c.patients.emilie : c.patients.jonas, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt }),
      ),
    );
    expectOneWinner(results);
    expect(rowsAt(c.providers.maria, startsAt)).toBe(1);
  });

  it('lets exactly one through when two clients race, one in-process and one over the HTTP bridge, with overlapping times', async () => {
    const other: ApiClient = bridge.client();
    unwrap(await other.api.auth.login({ username: 'desk', password: 'desk password' }));
    const base = berlin('2026-03-04', '14:00');
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => {
        // Starts spread over 14:00–14:15: every pair of these 20-minute slots overlaps.
        const startsAt = new Date(Date.parse(base) + (i % 4) * 5 * 60_000).toISOString();
        const client = i % 2 === 0 ? c.desk : other;
        return client.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.omar, typeId: c.types.checkup.id, startsAt });
      }),
    );
    expectOneWinner(results);
    const rows = tw.workstation.database.raw
      .prepare("SELECT count(*) AS n FROM appointments WHERE provider_id = ? AND starts_at >= ? AND starts_at < ?")
      .get(c.providers.omar, base, berlin('2026-03-04', '14:20')) as { n: number };
    expect(rows.n).toBe(1);
  });

  it('keeps one winner when bookings, recurring bookings, reschedules and walk-ins race for the same time', async () => {
    const startsAt = berlin('2026-03-05', '09:00');
    const movable = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.jonas, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt: berlin('2026-03-05', '15:00') }));
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt })),
      ...Array.from({ length: 4 }, () =>
        c.desk.api.schedule.reschedule({ id: movable.id, expectedVersion: movable.version, startsAt }),
      ),
      ...Array.from({ length: 4 }, () =>
        c.desk.api.schedule.bookRecurring({ patientId: c.patients.emilie, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt, weeks: 2, allOrNothing: true }),
      ),
    ]);
    const winners = results.filter((r) => r.ok && !('bookedCount' in (r.value as object) && (r.value as { bookedCount: number }).bookedCount === 0));
    expect(winners).toHaveLength(1);
    expect(rowsAt(c.providers.maria, startsAt)).toBe(1);
  });
});
