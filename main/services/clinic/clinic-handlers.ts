import type { Kysely } from 'kysely';
import type { clinicContract } from '../../../common/contract/clinic.contract';
import { LOCATION_KIND_LABELS, locationPlacementProblem, PROVIDER_USER_ROLES, providerDisplayName, type LocationKind } from '../../../common/domain/clinic';
import { ROLE_LABELS } from '../../../common/domain/roles';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import type { Database } from '../../../db/schema';
import {
  OrganizationRepository,
  toLocation,
  toOrganization,
  type LocationRow,
  type OrganizationRow,
} from '../../../db/repositories/organization-repository';
import { ProviderRepository, toProvider, type ProviderWithUserRow } from '../../../db/repositories/provider-repository';
import { UserRepository } from '../../../db/repositories/user-repository';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { IdGenerator } from '../../ports/id-generator';

export interface ClinicDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
}

/** The repositories one transaction works with. */
interface Repos {
  organizations: OrganizationRepository;
  providers: ProviderRepository;
  users: UserRepository;
}

const STALE = (what: string) => new AppError('CONFLICT', `Someone else changed this ${what} meanwhile; reload and try again`);

/** '' from a form means "none". */
const orNull = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

const describeLocation = (row: LocationRow) => `“${row.name}” (${LOCATION_KIND_LABELS[row.kind].toLowerCase()})`;

export function createClinicHandlers(deps: ClinicDeps): Handlers<typeof clinicContract> {
  const repos = (db: Kysely<Database>): Repos => ({
    organizations: new OrganizationRepository(db),
    providers: new ProviderRepository(db),
    users: new UserRepository(db),
  });
  const outside = repos(deps.db);
  const now = () => deps.clock.now().toISOString();

  /**
   * Read-check-write in one transaction: Kysely holds SQLite's single connection throughout, so two
   * administrators saving at once are serialized and the second one's checks see the first's change.
   */
  const atomically = <T>(fn: (r: Repos) => Promise<T>): Promise<T> => deps.db.transaction().execute((trx) => fn(repos(trx)));

  const organizationOf = async (r: Repos): Promise<OrganizationRow> => {
    const org = await r.organizations.current();
    if (!org) throw new AppError('NOT_FOUND', 'This workstation has no clinic yet; finish the first-run setup');
    return org;
  };

  const existingLocation = async (r: Repos, org: OrganizationRow, id: string, field: string): Promise<LocationRow> => {
    const row = await r.organizations.findLocation(id);
    if (!row || row.deleted === 1 || row.organization_id !== org.id) throw new AppError('NOT_FOUND', 'No such location', field);
    return row;
  };

  const existingProvider = async (r: Repos, org: OrganizationRow, id: string): Promise<ProviderWithUserRow> => {
    const row = await r.providers.findById(id);
    if (!row || row.deleted === 1 || row.organization_id !== org.id) throw new AppError('NOT_FOUND', 'No such provider', 'id');
    return row;
  };

  const requireVersion = (expectedVersion: number | undefined, what: string): number => {
    if (expectedVersion === undefined) {
      throw new AppError('VALIDATION', `expectedVersion is required when changing an existing ${what}`, 'expectedVersion');
    }
    return expectedVersion;
  };

  /** The parent a location of `kind` is to sit under, checked for existence, kind, state and cycles. */
  const checkParent = async (
    r: Repos,
    org: OrganizationRow,
    location: { id: string | null; kind: LocationKind; active: boolean },
    parentId: string | undefined,
  ): Promise<LocationRow | null> => {
    if (parentId === undefined) {
      const problem = locationPlacementProblem(location.kind, null);
      if (problem) throw new AppError('VALIDATION', problem, 'parentId');
      return null;
    }
    const parent = await existingLocation(r, org, parentId, 'parentId');
    const problem = locationPlacementProblem(location.kind, parent.kind);
    if (problem) throw new AppError('VALIDATION', problem, 'parentId');
    if (location.id !== null) {
      // Walk up from the new parent: meeting the location itself means it would end up inside itself.
      const seen = new Set<string>();
      for (let at: LocationRow | undefined = parent; at; ) {
        if (at.id === location.id) {
          throw new AppError('VALIDATION', 'A location cannot be placed inside itself or one of its own sub-locations', 'parentId');
        }
        if (at.parent_id === null || seen.has(at.id)) break;
        seen.add(at.id);
        at = await r.organizations.findLocation(at.parent_id);
      }
    }
    if (location.active && parent.active !== 1) {
      throw new AppError('CONFLICT', `${describeLocation(parent)} is inactive; reactivate it first or choose another parent`, 'parentId');
    }
    return parent;
  };

  /** A location's new kind must still suit everything already inside it. */
  const checkChildrenFit = async (r: Repos, org: OrganizationRow, row: LocationRow, kind: LocationKind) => {
    if (kind === row.kind) return;
    for (const child of await r.organizations.childLocations(org.id, row.id)) {
      const problem = locationPlacementProblem(child.kind, kind);
      if (problem) {
        throw new AppError('VALIDATION', `${describeLocation(child)} is inside this location and could not stay: ${problem}`, 'kind');
      }
    }
  };

  /** Two siblings with the same name would be indistinguishable in every location picker. */
  const checkUniqueName = async (r: Repos, org: OrganizationRow, parentId: string | null, name: string, selfId: string | null) => {
    const siblings = await r.organizations.childLocations(org.id, parentId);
    const clash = siblings.find((s) => s.id !== selfId && s.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (clash) {
      const where = parentId === null ? 'at the top level' : 'in the same place';
      throw new AppError('CONFLICT', `There is already a location named “${clash.name}” ${where}`, 'name');
    }
  };

  /** A linked account must be an active physician or nurse not yet linked to another provider. */
  const checkLinkedUser = async (r: Repos, userId: string, providerId: string | null) => {
    const user = await r.users.findById(userId);
    if (!user || user.deleted === 1) throw new AppError('NOT_FOUND', 'No such user account', 'userId');
    if (user.active !== 1) throw new AppError('CONFLICT', `The account “${user.username}” is inactive`, 'userId');
    if (!PROVIDER_USER_ROLES.includes(user.role)) {
      throw new AppError(
        'CONFLICT',
        `The account “${user.username}” is a ${ROLE_LABELS[user.role].toLowerCase()} account; only physician and nurse accounts can be linked to a provider`,
        'userId',
      );
    }
    const other = await r.providers.findByUserId(userId);
    if (other && other.id !== providerId) {
      const name = providerDisplayName({ givenName: other.given_name, familyName: other.family_name });
      throw new AppError('CONFLICT', `The account “${user.username}” is already linked to the provider ${name}`, 'userId');
    }
  };

  const published = <T extends { id: string }>(entity: 'organization' | 'location' | 'provider', value: T): T => {
    deps.events.publish('clinic.changed', { entity, id: value.id });
    return value;
  };

  return {
    async 'clinic.getOrganization'() {
      return toOrganization(await organizationOf(outside));
    },

    async 'clinic.updateOrganization'(input) {
      const updated = await atomically(async (r) => {
        const org = await organizationOf(r);
        if (org.version !== input.expectedVersion) throw STALE('clinic’s details');
        const row = await r.organizations.update(
          org.id,
          input.expectedVersion,
          { name: input.name, phone: orNull(input.phone), email: orNull(input.email), address: orNull(input.address) },
          now(),
        );
        if (!row) throw STALE('clinic’s details');
        return row;
      });
      return published('organization', toOrganization(updated));
    },

    async 'clinic.listLocations'(input) {
      const org = await organizationOf(outside);
      return (await outside.organizations.listLocations(org.id, { includeInactive: input.includeInactive })).map(toLocation);
    },

    async 'clinic.saveLocation'(input) {
      const saved = await atomically(async (r) => {
        const org = await organizationOf(r);
        const parentId = input.parentId ?? null;
        if (input.id === undefined) {
          await checkParent(r, org, { id: null, kind: input.kind, active: true }, input.parentId);
          await checkUniqueName(r, org, parentId, input.name, null);
          const id = deps.ids.uuid();
          await r.organizations.insertLocation({ id, organizationId: org.id, parentId, name: input.name, kind: input.kind, now: now() });
          return (await r.organizations.findLocation(id))!;
        }
        const expectedVersion = requireVersion(input.expectedVersion, 'location');
        const row = await existingLocation(r, org, input.id, 'id');
        if (row.version !== expectedVersion) throw STALE('location');
        await checkParent(r, org, { id: row.id, kind: input.kind, active: row.active === 1 }, input.parentId);
        await checkChildrenFit(r, org, row, input.kind);
        await checkUniqueName(r, org, parentId, input.name, row.id);
        const updated = await r.organizations.updateLocation(row.id, expectedVersion, { name: input.name, kind: input.kind, parent_id: parentId }, now());
        if (!updated) throw STALE('location');
        return updated;
      });
      return published('location', toLocation(saved));
    },

    async 'clinic.setLocationActive'(input) {
      const { row, updated } = await atomically(async (r) => {
        const org = await organizationOf(r);
        const row = await existingLocation(r, org, input.id, 'id');
        if ((row.active === 1) === input.active) return { row, updated: null };
        if (input.active && row.parent_id !== null) {
          const parent = await r.organizations.findLocation(row.parent_id);
          if (parent && parent.active !== 1) {
            throw new AppError('CONFLICT', `${describeLocation(row)} is inside ${describeLocation(parent)}, which is inactive; reactivate that first`, 'id');
          }
        }
        if (!input.active) {
          const activeChildren = (await r.organizations.childLocations(org.id, row.id)).filter((c) => c.active === 1);
          if (activeChildren.length > 0) {
            const names = activeChildren.slice(0, 3).map((c) => `“${c.name}”`).join(', ');
            const more = activeChildren.length > 3 ? ` and ${activeChildren.length - 3} more` : '';
            throw new AppError('CONFLICT', `${describeLocation(row)} still holds active locations (${names}${more}); deactivate or move them first`, 'id');
          }
        }
        const updated = await r.organizations.updateLocation(row.id, row.version, { active: input.active ? 1 : 0 }, now());
        if (!updated) throw STALE('location');
        return { row, updated };
      });
      return updated ? published('location', toLocation(updated)) : toLocation(row);
    },

    async 'clinic.listProviders'(input) {
      const org = await organizationOf(outside);
      return (await outside.providers.listWithUsernames(org.id, { includeInactive: input.includeInactive })).map(toProvider);
    },

    async 'clinic.saveProvider'(input) {
      const saved = await atomically(async (r) => {
        const org = await organizationOf(r);
        const fields = {
          given_name: input.givenName,
          family_name: input.familyName,
          specialty: orNull(input.specialty),
          license_number: orNull(input.licenseNumber),
          user_id: input.userId ?? null,
        };
        if (input.id === undefined) {
          if (input.userId !== undefined) await checkLinkedUser(r, input.userId, null);
          const id = deps.ids.uuid();
          await r.providers.insert({
            id,
            organizationId: org.id,
            userId: fields.user_id,
            givenName: fields.given_name,
            familyName: fields.family_name,
            specialty: fields.specialty,
            licenseNumber: fields.license_number,
            now: now(),
          });
          return (await r.providers.findById(id))!;
        }
        const expectedVersion = requireVersion(input.expectedVersion, 'provider');
        const row = await existingProvider(r, org, input.id);
        if (row.version !== expectedVersion) throw STALE('provider');
        // An existing link stays valid when other details change, even if the account has since
        // been deactivated; only a new link is checked.
        if (input.userId !== undefined && input.userId !== row.user_id) await checkLinkedUser(r, input.userId, row.id);
        const updated = await r.providers.update(row.id, expectedVersion, fields, now());
        if (!updated) throw STALE('provider');
        return updated;
      });
      return published('provider', toProvider(saved));
    },

    async 'clinic.setProviderActive'(input) {
      const { row, updated } = await atomically(async (r) => {
        const org = await organizationOf(r);
        const row = await existingProvider(r, org, input.id);
        if ((row.active === 1) === input.active) return { row, updated: null };
        const updated = await r.providers.update(row.id, row.version, { active: input.active ? 1 : 0 }, now());
        if (!updated) throw STALE('provider');
        return { row, updated };
      });
      return updated ? published('provider', toProvider(updated)) : toProvider(row);
    },
  };
}
