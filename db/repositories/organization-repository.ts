import type { Kysely, Selectable } from 'kysely';
import type { Database, LocationsTable, OrganizationsTable } from '../schema';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type LocationRow = Selectable<LocationsTable>;

export class OrganizationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A workstation belongs to one clinic organization: the first one created. */
  current(): Promise<OrganizationRow | undefined> {
    return this.db.selectFrom('organizations').selectAll().where('deleted', '=', 0).orderBy('created_at').limit(1).executeTakeFirst();
  }

  async insert(org: { id: string; name: string; phone?: string | null; email?: string | null; address?: string | null; now: string }): Promise<void> {
    await this.db
      .insertInto('organizations')
      .values({
        id: org.id,
        name: org.name,
        phone: org.phone ?? null,
        email: org.email ?? null,
        address: org.address ?? null,
        created_at: org.now,
        updated_at: org.now,
      })
      .execute();
  }

  async insertLocation(loc: {
    id: string;
    organizationId: string;
    parentId: string | null;
    name: string;
    kind: LocationRow['kind'];
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('locations')
      .values({
        id: loc.id,
        organization_id: loc.organizationId,
        parent_id: loc.parentId,
        name: loc.name,
        kind: loc.kind,
        created_at: loc.now,
        updated_at: loc.now,
      })
      .execute();
  }

  listLocations(organizationId: string): Promise<LocationRow[]> {
    return this.db.selectFrom('locations').selectAll().where('organization_id', '=', organizationId).where('deleted', '=', 0).orderBy('name').execute();
  }
}
