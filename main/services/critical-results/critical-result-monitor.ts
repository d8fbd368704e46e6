import type { Kysely } from 'kysely';
import {
  CriticalRangeListSchema,
  criticalReasonOf,
  DEFAULT_CRITICAL_RANGES,
  type CriticalRange,
} from '../../../common/domain/critical-results';
import { CriticalAlertRepository, type NewCriticalAlert } from '../../../db/repositories/critical-alert-repository';
import { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { IdGenerator } from '../../ports/id-generator';
import type { CriticalResultCheck } from './critical-result-check';

export const CRITICAL_RANGES_SETTING = 'critical_result_ranges';

interface ResultRow {
  patientId: string;
  encounterId: string | null;
  orderId: string | null;
  code: string;
  loinc: string | null;
  display: string | null;
  value: string;
  unit: string | null;
  flags: string[];
  observedAt: string;
}

/**
 * Raises one critical-result alert per result as it arrives (a captured device reading, a vital
 * charted by hand, an accepted reading) and tells the physicians' windows. A reading accepted into
 * the chart keeps its alert: the alert is linked to the new observation instead of raised again.
 */
export class CriticalResultMonitor implements CriticalResultCheck {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      ids: IdGenerator;
      events: EventPublisher;
      /** The results are already committed: a failure to raise an alert is logged, never the caller's error. */
      onError: (error: unknown) => void;
    },
  ) {}

  async ranges(): Promise<CriticalRange[]> {
    const stored = await new SettingsRepository(this.deps.db).get(CRITICAL_RANGES_SETTING);
    if (stored === undefined) return [...DEFAULT_CRITICAL_RANGES];
    const parsed = CriticalRangeListSchema.safeParse(safeJson(stored));
    return parsed.success ? parsed.data : [...DEFAULT_CRITICAL_RANGES];
  }

  async setRanges(ranges: readonly CriticalRange[]): Promise<void> {
    await new SettingsRepository(this.deps.db).set(CRITICAL_RANGES_SETTING, JSON.stringify(ranges), this.deps.clock.now().toISOString());
  }

  /** Captured readings (with a patient and a valid value) that are critical; the ids of the alerts raised. */
  checkReadings(readingIds: readonly string[]): Promise<string[]> {
    return this.guarded(() => this.raiseForReadings(readingIds));
  }

  /** Charted observations that are critical; one from a reading that already raised an alert is linked to it. */
  checkObservations(observationIds: readonly string[]): Promise<string[]> {
    return this.guarded(() => this.raiseForObservations(observationIds));
  }

  private async guarded(work: () => Promise<string[]>): Promise<string[]> {
    try {
      return await work();
    } catch (error) {
      this.deps.onError(error);
      return [];
    }
  }

  private async raiseForReadings(readingIds: readonly string[]): Promise<string[]> {
    if (readingIds.length === 0) return [];
    const rows = await this.deps.db
      .selectFrom('device_readings')
      .selectAll()
      .where('id', 'in', readingIds)
      .where('valid', '=', 1)
      .where('patient_id', 'is not', null)
      .where('status', '=', 'pending')
      .execute();
    const already = new Set((await this.alerts().findByReadings(rows.map((r) => r.id))).map((a) => a.device_reading_id));
    const ranges = await this.ranges();
    const raised: string[] = [];
    for (const r of rows) {
      if (already.has(r.id)) continue;
      const id = await this.raise(
        { patientId: r.patient_id!, encounterId: r.encounter_id, orderId: r.order_id, code: r.loinc ?? r.code, loinc: r.loinc, display: r.display,
          value: r.value_text, unit: r.ucum ?? r.unit, flags: JSON.parse(r.flags) as string[], observedAt: r.observed_at },
        { device_reading_id: r.id, observation_id: null },
        ranges,
      );
      if (id) raised.push(id);
    }
    return this.published(raised);
  }

  private async raiseForObservations(observationIds: readonly string[]): Promise<string[]> {
    if (observationIds.length === 0) return [];
    const rows = await this.deps.db.selectFrom('observations').selectAll().where('id', 'in', observationIds).where('deleted', '=', 0).execute();
    const byObservation = new Set((await this.alerts().findByObservations(observationIds)).map((a) => a.observation_id));
    const readings = await this.deps.db.selectFrom('device_readings').select(['id', 'observation_id']).where('observation_id', 'in', observationIds).execute();
    const fromReading = new Map(readings.map((r) => [r.observation_id!, r.id]));
    const readingAlerts = new Map((await this.alerts().findByReadings(readings.map((r) => r.id))).map((a) => [a.device_reading_id!, a.id]));
    const ranges = await this.ranges();
    const raised: string[] = [];
    for (const o of rows) {
      if (byObservation.has(o.id)) continue;
      const readingId = fromReading.get(o.id) ?? null;
      const existing = readingId ? readingAlerts.get(readingId) : undefined;
      if (existing) {
        await this.alerts().linkObservation(existing, o.id);
        continue;
      }
      if (o.value_text === null) continue;
      const id = await this.raise(
        { patientId: o.patient_id, encounterId: o.encounter_id, orderId: o.order_id, code: o.code, loinc: o.code_system === 'http://loinc.org' ? o.code : null,
          display: o.display, value: o.value_text, unit: o.unit, flags: o.interpretation ? (JSON.parse(o.interpretation) as string[]) : [], observedAt: o.observed_at },
        { device_reading_id: readingId, observation_id: o.id },
        ranges,
      );
      if (id) raised.push(id);
    }
    return this.published(raised);
  }

  private alerts(): CriticalAlertRepository {
    return new CriticalAlertRepository(this.deps.db);
  }

  private async raise(r: ResultRow, link: Pick<NewCriticalAlert, 'device_reading_id' | 'observation_id'>, ranges: readonly CriticalRange[]): Promise<string | null> {
    const reason = criticalReasonOf({ loinc: r.loinc, value: r.value, unit: r.unit, flags: r.flags }, ranges);
    if (!reason) return null;
    const id = this.deps.ids.uuid();
    await this.alerts().insert({
      id, patient_id: r.patientId, encounter_id: r.encounterId, ...link, code: r.code, display: r.display, value_text: r.value, unit: r.unit,
      flags: JSON.stringify(r.flags), reason, responsible_user_id: await this.responsiblePhysician(r.orderId, r.encounterId),
      observed_at: r.observedAt, raised_at: this.deps.clock.now().toISOString(),
    });
    return id;
  }

  /** The signing or ordering physician of the order; else the physician account of the encounter's provider; else anyone. */
  private async responsiblePhysician(orderId: string | null, encounterId: string | null): Promise<string | null> {
    const physician = async (userId: string | null): Promise<string | null> => {
      if (!userId) return null;
      const u = await this.deps.db.selectFrom('users').select('id').where('id', '=', userId).where('role', '=', 'physician').where('active', '=', 1).executeTakeFirst();
      return u?.id ?? null;
    };
    if (orderId) {
      const order = await this.deps.db.selectFrom('orders').select(['signed_by', 'ordered_by']).where('id', '=', orderId).executeTakeFirst();
      const chosen = (await physician(order?.signed_by ?? null)) ?? (await physician(order?.ordered_by ?? null));
      if (chosen) return chosen;
    }
    if (encounterId) {
      const provider = await this.deps.db
        .selectFrom('encounters as e')
        .innerJoin('providers as p', 'p.id', 'e.provider_id')
        .select('p.user_id')
        .where('e.id', '=', encounterId)
        .executeTakeFirst();
      return physician(provider?.user_id ?? null);
    }
    return null;
  }

  private async published(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return ids;
    for (const alert of await this.alerts().list({ ids })) this.deps.events.publish('clinical.criticalAlert', { alert });
    return ids;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
