import type { User } from '../../../common/domain/users';

/** Locked out after repeated failed sign-ins, and the lockout has not run out yet. */
export function isLocked(user: Pick<User, 'lockedUntil'>, now: Date = new Date()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now.getTime();
}
