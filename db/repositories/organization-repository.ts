import type { Kysely, Selectable } from 'kysely';
import type { Location, Organization } from '../../common/domain/clinic';
import type { Database, LocationsTable, OrganizationsTable } from '../schema';
import { updateAtVersion } from './update-at-version';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type LocationRow = Selectable<LocationsTable>;

export function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, phone: row.phone, email: row.email, address: row.address, version: row.version };
}

export function toLocation(row: LocationRow): Location {
  return { id: row.id, name: row.name, kind: row.kind, parentId: row.parent_id, active: row.active === 1, version: row.version };
}

export class OrganizationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A workstation belongs to one clinic organization: the first one created. */
  current(): Promise<OrganizationRow | undefined> {
    return this.db.selectFrom('organizations').selectAll().where('deleted', '=', 0).orderBy('created_at').limit(1).executeTakeFirst();
  }

  findById(id: string): Promise<OrganizationRow | undefined> {
    return this.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
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

  /**
   * Optimistic concurrency: applies only if the row is still at `expectedVersion`.
   * Returns the new row, or undefined when it changed meanwhile.
   */
  async update(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<OrganizationRow, 'name' | 'phone' | 'email' | 'address'>>,
    now: string,
  ): Promise<OrganizationRow | undefined> {
    if (!(await updateAtVersion(this.db, 'organizations', id, expectedVersion, changes, now))) return undefined;
    return this.findById(id);
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

  findLocation(id: string): Promise<LocationRow | undefined> {
    return this.db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every location of the organization that is not deleted; only the active ones unless asked. */
  listLocations(organizationId: string, options: { includeInactive?: boolean } = {}): Promise<LocationRow[]> {
    let query = this.db.selectFrom('locations').selectAll().where('organization_id', '=', organizationId).where('deleted', '=', 0);
    if (options.includeInactive === false) query = query.where('active', '=', 1);
    return query.orderBy('name').orderBy('id').execute();
  }

  /** The locations directly inside `parentId` (null: the top level), deleted ones excepted. */
  childLocations(organizationId: string, parentId: string | null): Promise<LocationRow[]> {
    return this.db
      .selectFrom('locations')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('parent_id', parentId === null ? 'is' : '=', parentId)
      .where('deleted', '=', 0)
      .orderBy('name')
      .execute();
  }

  /** Optimistic concurrency as for `update`. */
  async updateLocation(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<LocationRow, 'name' | 'kind' | 'parent_id' | 'active'>>,
    now: string,
  ): Promise<LocationRow | undefined> {
    if (!(await updateAtVersion(this.db, 'locations', id, expectedVersion, changes, now))) return undefined;
    return this.findLocation(id);
  }
}
