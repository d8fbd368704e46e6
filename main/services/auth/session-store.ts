import type { ActiveSession, SessionLookup, SessionResolver } from '../../../common/rpc/dispatcher';
import type { Role } from '../../../common/domain/roles';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import type { SecurityPolicy } from './security-policy';

export interface StoredSession extends ActiveSession {
  createdAt: number;
  lastSeenAt: number;
}

/**
 * Sessions live in main's memory only: a restart signs everyone out, and a session token is
 * worthless outside this process. Idle and absolute expiry are checked on every call.
 */
export class SessionStore implements SessionResolver {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly policy: SecurityPolicy,
  ) {}

  start(user: { id: string; username: string; role: Role }): StoredSession {
    const now = this.clock.now().getTime();
    const session: StoredSession = {
      token: this.ids.token(),
      userId: user.id,
      username: user.username,
      role: user.role,
      createdAt: now,
      lastSeenAt: now,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  resolve(token: string): SessionLookup {
    const session = this.sessions.get(token);
    if (!session) return { ok: false, code: 'UNAUTHENTICATED', message: 'Please sign in first' };
    const now = this.clock.now().getTime();
    if (now >= this.expiresAt(session) || now - session.lastSeenAt >= this.idleMs()) {
      this.sessions.delete(token);
      return { ok: false, code: 'SESSION_EXPIRED', message: 'Your session has ended; please sign in again' };
    }
    session.lastSeenAt = now;
    return { ok: true, session };
  }

  /** Role lookup for event filtering; does not count as activity. */
  peek(token: string): StoredSession | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.clock.now().getTime();
    if (now >= this.expiresAt(session) || now - session.lastSeenAt >= this.idleMs()) return undefined;
    return session;
  }

  expiresAt(session: { createdAt: number }): number {
    return session.createdAt + this.policy.absoluteSessionHours * 3_600_000;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of a user (deactivated, role changed, password reset); returns their tokens. */
  endAllFor(userId: string): string[] {
    const ended: string[] = [];
    for (const [token, session] of this.sessions) {
      if (session.userId === userId) {
        this.sessions.delete(token);
        ended.push(token);
      }
    }
    return ended;
  }

  private idleMs(): number {
    return this.policy.idleTimeoutMinutes * 60_000;
  }
}
