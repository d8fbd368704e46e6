import { z } from 'zod';
import { UuidSchema, InstantSchema } from './ids';
import { RoleSchema } from './roles';
import { PERMISSIONS } from './permissions';
import { singleLineText } from './text';

export const UsernameSchema = z
  .string({ error: 'Username must be text' })
  .trim()
  .toLowerCase()
  .min(3, { error: 'Username must be at least 3 characters' })
  .max(64, { error: 'Username must be at most 64 characters' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, {
    error: 'Username may contain only letters, digits, dot, dash and underscore',
  });

export const PASSWORD_MIN_LENGTH = 10;
/** Upper bound keeps a hostile 100 kB "password" from reaching the hash function. */
export const PASSWORD_MAX_LENGTH = 256;
export const PasswordSchema = z
  .string({ error: 'Password must be text' })
  .min(PASSWORD_MIN_LENGTH, { error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `Password must be at most ${PASSWORD_MAX_LENGTH} characters` });

/** A password typed at login: only bounded, not checked against the policy (old passwords stay valid). */
export const LoginPasswordSchema = z
  .string({ error: 'Password must be text' })
  .min(1, { error: 'Password is required' })
  .max(PASSWORD_MAX_LENGTH, { error: `Password must be at most ${PASSWORD_MAX_LENGTH} characters` });

export const DisplayNameSchema = singleLineText('Display name', 120);

export const UserSchema = z.object({
  id: UuidSchema,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  lockedUntil: InstantSchema.nullable(),
  lastLoginAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionInfoSchema = z.object({
  sessionToken: z.string(),
  expiresAt: InstantSchema,
  idleTimeoutSeconds: z.number().int().positive(),
  user: UserSchema.pick({ id: true, username: true, displayName: true, role: true }),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
