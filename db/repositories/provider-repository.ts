import type { Kysely, Selectable } from 'kysely';
import { providerDisplayName, type Provider } from '../../common/domain/clinic';
import type { Database, ProvidersTable } from '../schema';
import { updateAtVersion } from './update-at-version';

export type ProviderRow = Selectable<ProvidersTable>;
/** A provider with the username of their linked staff account, if any. */
export type ProviderWithUserRow = ProviderRow & { username: string | null };

export function toProvider(row: ProviderWithUserRow): Provider {
  const names = { givenName: row.given_name, familyName: row.family_name };
  return {
    id: row.id,
    ...names,
    displayName: providerDisplayName(names),
    specialty: row.specialty,
    licenseNumber: row.license_number,
    userId: row.user_id,
    username: row.username,
    active: row.active === 1,
    version: row.version,
  };
}

export class ProviderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(provider: {
    id: string;
    organizationId: string;
    userId: string | null;
    givenName: string;
    familyName: string;
    specialty: string | null;
    licenseNumber?: string | null;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('providers')
      .values({
        id: provider.id,
        organization_id: provider.organizationId,
        user_id: provider.userId,
        given_name: provider.givenName,
        family_name: provider.familyName,
        specialty: provider.specialty,
        license_number: provider.licenseNumber ?? null,
        created_at: provider.now,
        updated_at: provider.now,
      })
      .execute();
  }

  list(organizationId: string): Promise<ProviderRow[]> {
    return this.db.selectFrom('providers').selectAll().where('organization_id', '=', organizationId).where('deleted', '=', 0).orderBy('family_name').execute();
  }

  private withUsername() {
    return this.db
      .selectFrom('providers')
      .leftJoin('users', 'users.id', 'providers.user_id')
      .selectAll('providers')
      .select('users.username as username');
  }

  findById(id: string): Promise<ProviderWithUserRow | undefined> {
    return this.withUsername().where('providers.id', '=', id).executeTakeFirst();
  }

  /** The organization's providers by family then given name, with their linked usernames. */
  listWithUsernames(organizationId: string, options: { includeInactive: boolean }): Promise<ProviderWithUserRow[]> {
    let query = this.withUsername().where('providers.organization_id', '=', organizationId).where('providers.deleted', '=', 0);
    if (!options.includeInactive) query = query.where('providers.active', '=', 1);
    return query.orderBy('providers.family_name').orderBy('providers.given_name').orderBy('providers.id').execute();
  }

  /** The provider (active or not, never deleted) a staff account is linked to, if any. */
  findByUserId(userId: string): Promise<ProviderWithUserRow | undefined> {
    return this.withUsername().where('providers.user_id', '=', userId).where('providers.deleted', '=', 0).executeTakeFirst();
  }

  /**
   * Optimistic concurrency: applies only if the row is still at `expectedVersion`.
   * Returns the new row, or undefined when it changed meanwhile.
   */
  async update(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<ProviderRow, 'given_name' | 'family_name' | 'specialty' | 'license_number' | 'user_id' | 'active'>>,
    now: string,
  ): Promise<ProviderWithUserRow | undefined> {
    if (!(await updateAtVersion(this.db, 'providers', id, expectedVersion, changes, now))) return undefined;
    return this.findById(id);
  }
}
