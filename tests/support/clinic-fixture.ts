import type { Role } from '../../common/domain/roles';
import type { ApiClient } from '../../common/rpc/client';
import type { Result } from '../../common/rpc/errors';
import { setUpAdmin, startTestWorkstation, unwrap, type TestWorkstation } from './test-workstation';

export interface ClinicFixture {
  tw: TestWorkstation;
  admin: ApiClient;
  /** Creates a staff account and returns its id. */
  createUser(username: string, role: Role): Promise<string>;
  /** A client signed in as an existing account created by `createUser`. */
  signIn(username: string): Promise<ApiClient>;
  /** Every row of a table, for "a refused call changed nothing". */
  rows(table: 'organizations' | 'locations' | 'providers' | 'users'): unknown[];
}

const passwordOf = (username: string) => `${username} password 1`;

export async function startClinicFixture(): Promise<ClinicFixture> {
  const tw = await startTestWorkstation();
  const admin = await setUpAdmin(tw);
  return {
    tw,
    admin,
    async createUser(username, role) {
      return unwrap(await admin.api.users.create({ username, displayName: `User ${username}`, role, password: passwordOf(username) })).id;
    },
    async signIn(username) {
      const client = tw.client();
      unwrap(await client.api.auth.login({ username, password: passwordOf(username) }));
      return client;
    },
    rows(table) {
      return tw.workstation.database.raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
    },
  };
}

export function errorOf(result: Result<unknown>): { code: string; field?: string; message: string } | null {
  return result.ok ? null : result.error;
}
