import type { MethodInput, MethodName } from '../../common/contract';

/** The account the valid inputs act on: another user, never the caller. */
export interface InputTarget {
  id: string;
  username: string;
  password: string;
}

let unique = 0;

/**
 * One valid and harmless input per contract method. Typed as a record over MethodName, so adding a
 * method to the contract fails the type check until it has an entry here, and with it a place in
 * the role matrix and the bad-input corpus.
 *
 * Harmless means: repeatable without breaking the caller's session or the target's sign-in
 * (setActive re-activates, resetPassword sets the same password, update carries a stale version,
 * changePassword a wrong current password). auth.logout does end the caller's session: run it last.
 */
export const VALID_INPUTS: { [M in MethodName]: (target: InputTarget) => MethodInput<M> } = {
  'system.info': () => ({}),
  'system.ping': () => ({ echo: 'hello' }),
  'auth.setupStatus': () => ({}),
  'auth.setupFirstAdmin': () => ({
    organizationName: 'Second Clinic',
    username: 'second.admin',
    displayName: 'Second Admin',
    password: 'second admin password',
  }),
  'auth.login': (t) => ({ username: t.username, password: t.password }),
  'auth.logout': () => ({}),
  'auth.currentSession': () => ({}),
  'auth.changePassword': () => ({ currentPassword: 'not the current password', newPassword: 'a brand new password' }),
  'users.list': () => ({ includeInactive: true }),
  'users.create': () => {
    unique += 1;
    return { username: `made.${unique}`, displayName: `Made ${unique}`, role: 'nurse', password: 'made user password' };
  },
  'users.update': (t) => ({ id: t.id, expectedVersion: 999_999, displayName: 'Renamed', role: 'nurse' }),
  'users.setActive': (t) => ({ id: t.id, active: true }),
  'users.resetPassword': (t) => ({ id: t.id, newPassword: t.password }),
  'users.unlock': (t) => ({ id: t.id }),
  'audit.list': () => ({ limit: 5, action: 'system.ping', outcome: 'ok' }),
};

export function validInput(method: MethodName, target: InputTarget): Record<string, unknown> {
  return VALID_INPUTS[method](target) as Record<string, unknown>;
}
