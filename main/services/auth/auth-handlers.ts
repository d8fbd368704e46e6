import type { Kysely } from 'kysely';
import type { authContract } from '../../../common/contract/auth.contract';
import { permissionsOf } from '../../../common/domain/permissions';
import type { SessionInfo } from '../../../common/domain/users';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import type { Database } from '../../../db/schema';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { UserRepository, type UserRow } from '../../../db/repositories/user-repository';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { IdGenerator } from '../../ports/id-generator';
import type { PasswordHasher } from '../../ports/password-hasher';
import type { SecurityPolicy } from './security-policy';
import type { SessionStore } from './session-store';

export interface AuthDeps {
  db: Kysely<Database>;
  sessions: SessionStore;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
  policy: SecurityPolicy;
}

const BAD_CREDENTIALS = 'Username or password is incorrect';

export function createAuthHandlers(deps: AuthDeps): Handlers<typeof authContract> {
  const users = new UserRepository(deps.db);
  const organizations = new OrganizationRepository(deps.db);
  // Verified against when the username is unknown, so a wrong username costs as long as a wrong password.
  const decoyHash = deps.hasher.hash('decoy password that never matches');

  const sessionInfo = (row: UserRow): SessionInfo => {
    const session = deps.sessions.start({ id: row.id, username: row.username, role: row.role });
    return {
      sessionToken: session.token,
      expiresAt: new Date(deps.sessions.expiresAt(session)).toISOString(),
      idleTimeoutSeconds: deps.policy.idleTimeoutMinutes * 60,
      user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role },
      permissions: permissionsOf(row.role),
    };
  };

  return {
    async 'auth.setupStatus'() {
      const [count, org] = await Promise.all([users.count(), organizations.current()]);
      return { needsSetup: count === 0, organizationName: org?.name ?? null };
    },

    async 'auth.setupFirstAdmin'(input, ctx) {
      const passwordHash = await deps.hasher.hash(input.password);
      const now = deps.clock.now().toISOString();
      // Checked and written in one transaction: two racing first-run forms cannot both create an admin.
      const row = await deps.db.transaction().execute(async (trx) => {
        const trxUsers = new UserRepository(trx);
        if ((await trxUsers.count()) > 0) {
          throw new AppError('SETUP_ALREADY_DONE', 'This workstation already has an administrator; please sign in');
        }
        const trxOrgs = new OrganizationRepository(trx);
        let org = await trxOrgs.current();
        if (!org) {
          await trxOrgs.insert({ id: deps.ids.uuid(), name: input.organizationName, now });
          org = (await trxOrgs.current())!;
        }
        return trxUsers.insert({
          id: deps.ids.uuid(),
          organizationId: org.id,
          username: input.username,
          displayName: input.displayName,
          role: 'admin',
          passwordHash,
          now,
        });
      });
      ctx.auditUser({ id: row.id, username: row.username });
      return sessionInfo(row);
    },

    async 'auth.login'(input, ctx) {
      const row = await users.findByUsername(input.username);
      if (!row || row.deleted === 1) {
        await deps.hasher.verify(await decoyHash, input.password);
        throw new AppError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
      }
      ctx.auditUser({ id: row.id, username: row.username });
      const now = deps.clock.now();
      if (row.locked_until !== null && new Date(row.locked_until) > now) {
        throw new AppError(
          'ACCOUNT_LOCKED',
          `This account is locked after repeated failed sign-ins until ${row.locked_until}. An administrator can unlock it.`,
        );
      }
      const valid = await deps.hasher.verify(row.password_hash, input.password);
      if (!valid) {
        await registerFailure(row, now);
        throw new AppError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
      }
      if (row.active !== 1) {
        throw new AppError('ACCOUNT_INACTIVE', 'This account has been deactivated. Ask an administrator.');
      }
      await users.recordLoginAttempt(row.id, { failed_login_count: 0, locked_until: null, last_login_at: now.toISOString() });
      return sessionInfo(row);
    },

    async 'auth.logout'(_input, ctx) {
      if (ctx.session) {
        deps.events.publish('session.ended', { reason: 'logout' }, { toSession: ctx.session.token });
        deps.sessions.end(ctx.session.token);
      }
      return { loggedOut: true as const };
    },

    async 'auth.currentSession'(_input, ctx) {
      const session = ctx.session!;
      const row = await users.findById(session.userId);
      if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in first');
      const stored = deps.sessions.peek(session.token);
      if (!stored) throw new AppError('SESSION_EXPIRED', 'Your session has ended; please sign in again');
      return {
        expiresAt: new Date(deps.sessions.expiresAt(stored)).toISOString(),
        idleTimeoutSeconds: deps.policy.idleTimeoutMinutes * 60,
        user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role },
        permissions: permissionsOf(row.role),
      };
    },

    async 'auth.changePassword'(input, ctx) {
      const session = ctx.session!;
      const row = await users.findById(session.userId);
      if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in first');
      if (!(await deps.hasher.verify(row.password_hash, input.currentPassword))) {
        throw new AppError('INVALID_CREDENTIALS', 'The current password is incorrect', 'currentPassword');
      }
      if (input.currentPassword === input.newPassword) {
        throw new AppError('VALIDATION', 'The new password must differ from the current one', 'newPassword');
      }
      const hash = await deps.hasher.hash(input.newPassword);
      const now = deps.clock.now().toISOString();
      const updated = await users.update(row.id, row.version, { password_hash: hash, password_changed_at: now }, now);
      if (!updated) throw new AppError('CONFLICT', 'The account changed meanwhile; please try again');
      return { changed: true as const };
    },
  };

  async function registerFailure(row: UserRow, now: Date): Promise<void> {
    const failures = row.failed_login_count + 1;
    if (failures >= deps.policy.maxFailedLogins) {
      const until = new Date(now.getTime() + deps.policy.lockoutMinutes * 60_000).toISOString();
      await users.recordLoginAttempt(row.id, { failed_login_count: 0, locked_until: until });
    } else {
      await users.recordLoginAttempt(row.id, { failed_login_count: failures, locked_until: null });
    }
  }
}
