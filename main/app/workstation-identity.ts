import type { Kysely } from 'kysely';
import { SettingsRepository } from '../../db/repositories/settings-repository';
import type { Database } from '../../db/schema';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/id-generator';

const WORKSTATION_ID = 'workstation.id';

/**
 * This installation's identity, made on first run and kept in the store. Devices are cabled to
 * one workstation; sync (later) tells workstations apart by it.
 */
export async function workstationIdentity(db: Kysely<Database>, ids: IdGenerator, clock: Clock): Promise<string> {
  const settings = new SettingsRepository(db);
  const existing = await settings.get(WORKSTATION_ID);
  if (existing) return existing;
  const id = ids.uuid();
  await settings.set(WORKSTATION_ID, id, clock.now().toISOString());
  return id;
}
