import type { Kysely } from 'kysely';
import type { CriticalAlert } from '../../common/domain/critical-results';
import type { CriticalAlertsTable, Database } from '../schema';

export type NewCriticalAlert = Omit<CriticalAlertsTable, 'flags' | 'acknowledged_by' | 'acknowledged_at' | 'acknowledgement_note'> & { flags: string };

export class CriticalAlertRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: NewCriticalAlert): Promise<void> {
    await this.db.insertInto('critical_alerts').values(row).execute();
  }

  async findByReadings(readingIds: readonly string[]): Promise<{ id: string; device_reading_id: string | null; observation_id: string | null }[]> {
    if (readingIds.length === 0) return [];
    return this.db.selectFrom('critical_alerts').select(['id', 'device_reading_id', 'observation_id']).where('device_reading_id', 'in', readingIds).execute();
  }

  async findByObservations(observationIds: readonly string[]): Promise<{ id: string; observation_id: string | null }[]> {
    if (observationIds.length === 0) return [];
    return this.db.selectFrom('critical_alerts').select(['id', 'observation_id']).where('observation_id', 'in', observationIds).execute();
  }

  async linkObservation(alertId: string, observationId: string): Promise<void> {
    await this.db.updateTable('critical_alerts').set({ observation_id: observationId }).where('id', '=', alertId).where('observation_id', 'is', null).execute();
  }

  async acknowledge(id: string, userId: string, note: string | null, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('critical_alerts')
      .set({ acknowledged_by: userId, acknowledged_at: at, acknowledgement_note: note })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Alerts with their patient; `open` only the unacknowledged ones, newest first. */
  async list(filter: { ids?: readonly string[]; open?: boolean; limit?: number }): Promise<CriticalAlert[]> {
    let q = this.db
      .selectFrom('critical_alerts as a')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .selectAll('a')
      .select(['p.mrn', 'p.given_name', 'p.family_name']);
    if (filter.ids) {
      if (filter.ids.length === 0) return [];
      q = q.where('a.id', 'in', filter.ids);
    }
    if (filter.open) q = q.where('a.acknowledged_at', 'is', null);
    const rows = await q.orderBy('a.raised_at', 'desc').orderBy('a.id', 'desc').limit(filter.limit ?? 500).execute();
    return rows.map((r) => ({
      id: r.id,
      patient: { id: r.patient_id, mrn: r.mrn, givenName: r.given_name, familyName: r.family_name },
      encounterId: r.encounter_id,
      observationId: r.observation_id,
      deviceReadingId: r.device_reading_id,
      code: r.code,
      display: r.display,
      value: r.value_text,
      unit: r.unit,
      flags: JSON.parse(r.flags) as string[],
      reason: r.reason,
      responsibleUserId: r.responsible_user_id,
      observedAt: r.observed_at,
      raisedAt: r.raised_at,
      acknowledgedBy: r.acknowledged_by,
      acknowledgedAt: r.acknowledged_at,
      acknowledgementNote: r.acknowledgement_note,
    }));
  }
}
