import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../../common/domain/roles';
import type { User } from '../../common/domain/users';
import type { Database, UsersTable } from '../schema';
import { updateAtVersion } from './update-at-version';

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  id: string;
  organizationId: string | null;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  now: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  list(includeInactive: boolean): Promise<UserRow[]> {
    let query = this.db.selectFrom('users').selectAll().where('deleted', '=', 0);
    if (!includeInactive) query = query.where('active', '=', 1);
    return query.orderBy('username').execute();
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .where('deleted', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(user: NewUser): Promise<UserRow> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        organization_id: user.organizationId,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        password_hash: user.passwordHash,
        password_changed_at: user.now,
        created_at: user.now,
        updated_at: user.now,
      })
      .execute();
    return (await this.findById(user.id))!;
  }

  /**
   * Optimistic concurrency: the update applies only if the row is still at `expectedVersion`.
   * Returns the new row, or undefined when the row changed meanwhile (or does not exist).
   */
  async update(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<UserRow, 'display_name' | 'role' | 'active' | 'password_hash' | 'password_changed_at' | 'failed_login_count' | 'locked_until'>>,
    now: string,
  ): Promise<UserRow | undefined> {
    if (!(await updateAtVersion(this.db, 'users', id, expectedVersion, changes, now))) return undefined;
    return this.findById(id);
  }

  /** Sign-in bookkeeping is not a clinical edit: it does not bump the sync version. */
  async recordLoginAttempt(
    id: string,
    fields: { failed_login_count: number; locked_until: string | null; last_login_at?: string },
  ): Promise<void> {
    await this.db.updateTable('users').set(fields).where('id', '=', id).execute();
  }
}
