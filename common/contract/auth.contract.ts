import { z } from 'zod';
import { method } from '../rpc/method';
import {
  DisplayNameSchema,
  LoginPasswordSchema,
  PasswordSchema,
  SessionInfoSchema,
  UsernameSchema,
} from '../domain/users';
import { singleLineText } from '../domain/text';

const Empty = z.strictObject({});

export const authContract = {
  'auth.setupStatus': method({
    summary: 'Whether the first administrator still has to be created',
    access: 'public',
    input: Empty,
    output: z.object({ needsSetup: z.boolean(), organizationName: z.string().nullable() }),
  }),
  'auth.setupFirstAdmin': method({
    summary: 'Create the clinic and its first administrator on first run',
    access: 'public',
    input: z.strictObject({
      organizationName: singleLineText('Clinic name', 160),
      username: UsernameSchema,
      displayName: DisplayNameSchema,
      password: PasswordSchema,
    }),
    output: SessionInfoSchema,
  }),
  'auth.login': method({
    summary: 'Sign in with username and password',
    access: 'public',
    input: z.strictObject({ username: UsernameSchema, password: LoginPasswordSchema }),
    output: SessionInfoSchema,
  }),
  'auth.logout': method({
    summary: 'End the current session',
    access: 'session.self',
    input: Empty,
    output: z.object({ loggedOut: z.literal(true) }),
  }),
  'auth.currentSession': method({
    summary: 'The signed-in user and their permissions',
    access: 'session.self',
    input: Empty,
    output: SessionInfoSchema.omit({ sessionToken: true }),
  }),
  'auth.changePassword': method({
    summary: 'Change one’s own password',
    access: 'session.self',
    input: z.strictObject({ currentPassword: LoginPasswordSchema, newPassword: PasswordSchema }),
    output: z.object({ changed: z.literal(true) }),
  }),
} as const;
