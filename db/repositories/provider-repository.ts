import type { Kysely, Selectable } from 'kysely';
import type { Database, ProvidersTable } from '../schema';

export type ProviderRow = Selectable<ProvidersTable>;

export class ProviderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(provider: {
    id: string;
    organizationId: string;
    userId: string | null;
    givenName: string;
    familyName: string;
    specialty: string | null;
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
        license_number: null,
        created_at: provider.now,
        updated_at: provider.now,
      })
      .execute();
  }

  list(organizationId: string): Promise<ProviderRow[]> {
    return this.db.selectFrom('providers').selectAll().where('organization_id', '=', organizationId).where('deleted', '=', 0).orderBy('family_name').execute();
  }
}
