import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../schema';

/** Tables whose rows carry the synced columns: id, version, deleted, updated_at. */
export type VersionedTable =
  | 'organizations'
  | 'locations'
  | 'users'
  | 'patients'
  | 'providers'
  | 'appointments'
  | 'devices'
  | 'problems'
  | 'medication_statements'
  | 'care_plans'
  | 'care_plan_activities';

type SyncedRow = { id: string; version: number; deleted: number; updated_at: string };

/**
 * Optimistic concurrency for every synced table: the change applies only if the row is live and
 * still at `expectedVersion`, and it moves the version on by one. False when the row changed
 * meanwhile, was deleted, or does not exist.
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  id: string,
  expectedVersion: number,
  changes: Updateable<Database[T]>,
  now: string,
): Promise<boolean> {
  // Kysely cannot type one query over a union of tables; the signature above keeps callers typed.
  const loose = db as unknown as Kysely<Record<VersionedTable, SyncedRow>>;
  const result = await loose
    .updateTable(table as VersionedTable)
    .set((eb) => ({ ...(changes as object), updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
