import type { Kysely } from 'kysely';
import type { usersContract } from '../../../common/contract/users.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import type { Database } from '../../../db/schema';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { toUser, UserRepository, type UserRow } from '../../../db/repositories/user-repository';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { IdGenerator } from '../../ports/id-generator';
import type { PasswordHasher } from '../../ports/password-hasher';
import type { SessionStore } from '../auth/session-store';

export interface UserDeps {
  db: Kysely<Database>;
  sessions: SessionStore;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
}

export function createUserHandlers(deps: UserDeps): Handlers<typeof usersContract> {
  const users = new UserRepository(deps.db);
  const organizations = new OrganizationRepository(deps.db);
  const now = () => deps.clock.now().toISOString();

  const existing = async (id: string, repo: UserRepository = users): Promise<UserRow> => {
    const row = await repo.findById(id);
    if (!row || row.deleted === 1) throw new AppError('NOT_FOUND', 'No such user', 'id');
    return row;
  };

  /**
   * Runs a read-check-write in one transaction. Kysely holds SQLite's single connection for the
   * whole transaction, so two administrators demoting or deactivating each other at the same moment
   * are serialized and the second sees the first one's change.
   */
  const atomically = <T>(fn: (repo: UserRepository) => Promise<T>): Promise<T> =>
    deps.db.transaction().execute((trx) => fn(new UserRepository(trx)));

  /** Signs the user out everywhere, telling each of their windows why. */
  const endSessions = (userId: string, reason: 'deactivated' | 'expired') => {
    for (const token of deps.sessions.endAllFor(userId)) {
      deps.events.publish('session.ended', { reason }, { toSession: token });
    }
  };

  /** Refuses a change that would leave the clinic without an active administrator. */
  const keepOneAdmin = async (row: UserRow, repo: UserRepository) => {
    if (row.role === 'admin' && row.active === 1 && (await repo.countActiveAdmins()) <= 1) {
      throw new AppError('CONFLICT', 'The clinic must keep at least one active administrator');
    }
  };

  const changed = (row: UserRow | undefined) => {
    if (!row) throw new AppError('CONFLICT', 'Someone else changed this user meanwhile; reload and try again');
    return row;
  };

  return {
    async 'users.list'(input) {
      return (await users.list(input.includeInactive)).map(toUser);
    },

    async 'users.create'(input) {
      if (await users.findByUsername(input.username)) {
        throw new AppError('CONFLICT', `The username "${input.username}" is already taken`, 'username');
      }
      const passwordHash = await deps.hasher.hash(input.password);
      const org = await organizations.current();
      const row = await users.insert({
        id: deps.ids.uuid(),
        organizationId: org?.id ?? null,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        now: now(),
      });
      deps.events.publish('users.changed', { userId: row.id, change: 'created' });
      return toUser(row);
    },

    async 'users.update'(input, ctx) {
      const { row, updated, roleChanges } = await atomically(async (repo) => {
        const row = await existing(input.id, repo);
        if (row.version !== input.expectedVersion) {
          throw new AppError('CONFLICT', 'Someone else changed this user meanwhile; reload and try again');
        }
        const roleChanges = input.role !== undefined && input.role !== row.role;
        if (roleChanges) {
          if (row.id === ctx.session?.userId) throw new AppError('CONFLICT', 'You cannot change your own role', 'role');
          await keepOneAdmin(row, repo);
        }
        const updated = changed(
          await repo.update(
            row.id,
            input.expectedVersion,
            {
              ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
              ...(input.role !== undefined ? { role: input.role } : {}),
            },
            now(),
          ),
        );
        return { row, updated, roleChanges };
      });
      // Permissions come from the role: sessions holding the old role end now, not at expiry.
      if (roleChanges) endSessions(row.id, 'expired');
      deps.events.publish('users.changed', { userId: row.id, change: 'updated' });
      return toUser(updated);
    },

    async 'users.setActive'(input, ctx) {
      const { row, updated } = await atomically(async (repo) => {
        const row = await existing(input.id, repo);
        if (!input.active) {
          if (row.id === ctx.session?.userId) throw new AppError('CONFLICT', 'You cannot deactivate your own account', 'id');
          await keepOneAdmin(row, repo);
        }
        if ((row.active === 1) === input.active) return { row, updated: null };
        return { row, updated: changed(await repo.update(row.id, row.version, { active: input.active ? 1 : 0 }, now())) };
      });
      if (!updated) return toUser(row);
      if (!input.active) endSessions(row.id, 'deactivated');
      deps.events.publish('users.changed', { userId: row.id, change: input.active ? 'reactivated' : 'deactivated' });
      return toUser(updated);
    },

    async 'users.resetPassword'(input) {
      const row = await existing(input.id);
      const hash = await deps.hasher.hash(input.newPassword);
      const at = now();
      const updated = changed(
        await users.update(row.id, row.version, { password_hash: hash, password_changed_at: at, failed_login_count: 0, locked_until: null }, at),
      );
      endSessions(row.id, 'expired');
      deps.events.publish('users.changed', { userId: row.id, change: 'updated' });
      return toUser(updated);
    },

    async 'users.unlock'(input) {
      const row = await existing(input.id);
      const updated = changed(await users.update(row.id, row.version, { failed_login_count: 0, locked_until: null }, now()));
      deps.events.publish('users.changed', { userId: row.id, change: 'updated' });
      return toUser(updated);
    },
  };
}
