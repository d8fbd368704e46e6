import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import { RoleSchema } from '../domain/roles';
import { DisplayNameSchema, PasswordSchema, UserSchema, UsernameSchema } from '../domain/users';

export const usersContract = {
  'users.list': method({
    summary: 'List staff accounts',
    access: 'users.manage',
    input: z.strictObject({ includeInactive: z.boolean().default(true) }),
    output: z.array(UserSchema),
  }),
  'users.create': method({
    summary: 'Create a staff account',
    access: 'users.manage',
    input: z.strictObject({
      username: UsernameSchema,
      displayName: DisplayNameSchema,
      role: RoleSchema,
      password: PasswordSchema,
    }),
    output: UserSchema,
  }),
  'users.update': method({
    summary: 'Change a staff account’s name or role',
    access: 'users.manage',
    input: z.strictObject({
      id: UuidSchema,
      expectedVersion: z.number().int().nonnegative(),
      displayName: DisplayNameSchema.optional(),
      role: RoleSchema.optional(),
    }),
    output: UserSchema,
  }),
  'users.setActive': method({
    summary: 'Deactivate or reactivate a staff account',
    access: 'users.manage',
    input: z.strictObject({ id: UuidSchema, active: z.boolean() }),
    output: UserSchema,
  }),
  'users.resetPassword': method({
    summary: 'Set a new password for a staff account',
    access: 'users.manage',
    input: z.strictObject({ id: UuidSchema, newPassword: PasswordSchema }),
    output: UserSchema,
  }),
  'users.unlock': method({
    summary: 'Lift a lockout after repeated failed sign-ins',
    access: 'users.manage',
    input: z.strictObject({ id: UuidSchema }),
    output: UserSchema,
  }),
} as const;
