import type { Kysely, Selectable } from 'kysely';
import type { WorkingHoursEntry, WorkingHoursRule } from '../../common/domain/scheduling';
import type { Database, ProviderWorkingHoursTable } from '../schema';

export type WorkingHoursRow = Selectable<ProviderWorkingHoursTable>;

export function toWorkingHoursEntry(row: WorkingHoursRow): WorkingHoursEntry {
  return {
    id: row.id,
    providerId: row.provider_id,
    weekday: row.weekday,
    startTime: row.start_time,
    endTime: row.end_time,
    kind: row.kind,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export function toWorkingHoursRule(row: WorkingHoursRow): WorkingHoursRule {
  return {
    weekday: row.weekday,
    startTime: row.start_time,
    endTime: row.end_time,
    kind: row.kind,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

/** A provider as the schedule needs them: a name for columns and messages, and whether they work here. */
export interface ScheduledProvider {
  id: string;
  givenName: string;
  familyName: string;
  active: boolean;
}

export class WorkingHoursRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Rules of the given providers (all providers when `providerIds` is null), grouped by provider. */
  async rulesByProvider(providerIds: readonly string[] | null): Promise<Map<string, WorkingHoursRow[]>> {
    let query = this.db.selectFrom('provider_working_hours').selectAll().where('deleted', '=', 0);
    if (providerIds !== null) {
      if (providerIds.length === 0) return new Map();
      query = query.where('provider_id', 'in', providerIds);
    }
    const rows = await query.orderBy('provider_id').orderBy('weekday').orderBy('start_time').execute();
    const byProvider = new Map<string, WorkingHoursRow[]>();
    for (const row of rows) {
      const list = byProvider.get(row.provider_id) ?? [];
      list.push(row);
      byProvider.set(row.provider_id, list);
    }
    return byProvider;
  }

  async listForProvider(providerId: string): Promise<WorkingHoursRow[]> {
    return (await this.rulesByProvider([providerId])).get(providerId) ?? [];
  }

  findById(id: string): Promise<WorkingHoursRow | undefined> {
    return this.db.selectFrom('provider_working_hours').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  }

  async insert(entry: WorkingHoursEntry & { now: string }): Promise<void> {
    await this.db
      .insertInto('provider_working_hours')
      .values({
        id: entry.id,
        provider_id: entry.providerId,
        weekday: entry.weekday,
        start_time: entry.startTime,
        end_time: entry.endTime,
        kind: entry.kind,
        valid_from: entry.validFrom,
        valid_to: entry.validTo,
        created_at: entry.now,
        updated_at: entry.now,
      })
      .execute();
  }

  /** Soft delete (synced rows are never removed); true if the entry was there. */
  async remove(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('provider_working_hours')
      .set((eb) => ({ deleted: 1, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findProvider(id: string): Promise<ScheduledProvider | undefined> {
    const row = await this.db
      .selectFrom('providers')
      .select(['id', 'given_name', 'family_name', 'active'])
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return row && { id: row.id, givenName: row.given_name, familyName: row.family_name, active: row.active === 1 };
  }

  async activeProviders(): Promise<ScheduledProvider[]> {
    const rows = await this.db
      .selectFrom('providers')
      .select(['id', 'given_name', 'family_name', 'active'])
      .where('deleted', '=', 0)
      .where('active', '=', 1)
      .orderBy('family_name')
      .orderBy('given_name')
      .execute();
    return rows.map((row) => ({ id: row.id, givenName: row.given_name, familyName: row.family_name, active: true }));
  }
}
