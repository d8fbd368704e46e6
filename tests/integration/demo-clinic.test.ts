import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { ROLES } from '../../common/domain/roles';
import type { OpenedDatabase } from '../../db/open-database';
import { OrganizationRepository } from '../../db/repositories/organization-repository';
import { UserRepository } from '../../db/repositories/user-repository';
import type { Database } from '../../db/schema';
import { ManualClock } from '../../main/ports/clock';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION_NAME, createDemoClinic, type DemoClinicOptions } from '../../main/services/demo/demo-clinic';
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import { T0, count, openTempStore, removeTempDirs } from '../support/temp-store';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const stores: OpenedDatabase[] = [];
afterEach(async () => {
  for (const opened of stores.splice(0)) await opened.close();
  removeTempDirs();
});

/** A fresh, empty, encrypted workstation store. */
function emptyWorkstation(): OpenedDatabase {
  const { opened } = openTempStore();
  stores.push(opened);
  return opened;
}

async function demoWorkstation(options: DemoClinicOptions, at = T0): Promise<OpenedDatabase> {
  const store = emptyWorkstation();
  await createDemoClinic(store.db, { clock: new ManualClock(new Date(at)), hasher: argon2PasswordHasher }, options);
  return store;
}

/** The generated clinical content, without the times of the run (they come from the clock). */
async function clinicalContent(db: Kysely<Database>): Promise<unknown> {
  return {
    patients: await db.selectFrom('patients').selectAll().orderBy('mrn').execute().then((rows) => rows.map(({ created_at: _c, updated_at: _u, ...row }) => row)),
    identifiers: await db.selectFrom('patient_identifiers').select(['id', 'patient_id', 'system', 'value']).orderBy('id').execute(),
    contacts: await db.selectFrom('patient_contacts').select(['id', 'patient_id', 'kind', 'name', 'relationship', 'phone']).orderBy('id').execute(),
    providers: await db.selectFrom('providers').select(['id', 'given_name', 'family_name', 'specialty', 'user_id']).orderBy('id').execute(),
    users: await db.selectFrom('users').select(['id', 'username', 'role', 'display_name']).orderBy('username').execute(),
  };
}

describe('demo clinic', () => {
  it('is the same clinic, row for row, from the same seed (run at different times)', async () => {
    const first = await demoWorkstation({ seed: 7, patients: 50 }, '2026-03-02T08:00:00.000Z');
    const second = await demoWorkstation({ seed: 7, patients: 50 }, '2027-11-30T17:45:00.000Z');

    const content = (await clinicalContent(first.db)) as { patients: unknown[] };
    expect(content.patients).toHaveLength(50);
    expect(await clinicalContent(second.db)).toEqual(content);
  });

  it('is a different clinic from a different seed', async () => {
    const seven = await demoWorkstation({ seed: 7, patients: 50 });
    const eight = await demoWorkstation({ seed: 8, patients: 50 });

    const ids = async (s: OpenedDatabase) => new Set((await s.db.selectFrom('patients').select('id').execute()).map((r) => r.id));
    const sevenIds = await ids(seven);
    expect([...(await ids(eight))].filter((id) => sevenIds.has(id))).toEqual([]);
    const names = (s: OpenedDatabase) => s.db.selectFrom('patients').select(['mrn', 'given_name', 'family_name', 'date_of_birth']).orderBy('mrn').execute();
    expect(await names(eight)).not.toEqual(await names(seven));
  });

  it('creates, by default, a clinic with one user per role, four providers, six locations and several hundred patients', async () => {
    const store = emptyWorkstation();
    const summary = await createDemoClinic(store.db, { clock: new ManualClock(new Date(T0)), hasher: argon2PasswordHasher });

    expect(summary).toMatchObject({ organizationName: DEMO_ORGANIZATION_NAME, providers: 4, locations: 6, patients: 400, alreadyPresent: false });
    const { raw } = store;
    expect(count(raw, 'organizations')).toBe(1);
    expect(count(raw, 'locations')).toBe(6);
    expect(count(raw, 'providers')).toBe(4);
    expect(count(raw, 'patients')).toBe(400);
    expect(count(raw, 'patient_identifiers')).toBe(400);
    expect(count(raw, 'patient_contacts')).toBe(400);

    const users = await new UserRepository(store.db).list(false);
    expect(users.map((u) => u.role).sort()).toEqual([...ROLES].sort());
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());

    const patients = raw.prepare('SELECT id, mrn, date_of_birth, sex, version, deleted FROM patients ORDER BY mrn').all() as {
      id: string;
      mrn: string;
      date_of_birth: string;
      sex: string;
      version: number;
      deleted: number;
    }[];
    expect(patients[0]!.mrn).toBe('MRN000001');
    expect(patients[399]!.mrn).toBe('MRN000400');
    expect(new Set(patients.map((p) => p.id)).size).toBe(400);
    for (const p of patients) {
      expect(p.id).toMatch(UUID_V4);
      expect(p.date_of_birth).toMatch(/^(19[3-9]\d|20[0-2]\d)-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/);
      expect(['female', 'male']).toContain(p.sex);
      expect([p.version, p.deleted]).toEqual([1, 0]);
    }
  });

  it('stores real argon2id hashes that verify the printed demo passwords', async () => {
    const store = await demoWorkstation({ seed: 3, patients: 1 });
    const nurse = await new UserRepository(store.db).findByUsername('nurse');
    expect(nurse!.password_hash).toMatch(/^\$argon2id\$/);
    const account = DEMO_ACCOUNTS.find((a) => a.username === 'nurse')!;
    expect(await argon2PasswordHasher.verify(nurse!.password_hash, account.password)).toBe(true);
    expect(await argon2PasswordHasher.verify(nurse!.password_hash, 'demo-admin-pass')).toBe(false);
  });

  it('refuses a workstation that already has its own clinic and users, adding nothing', async () => {
    const store = emptyWorkstation();
    await new OrganizationRepository(store.db).insert({ id: '0a000000-0000-4000-8000-000000000001', name: 'Riverside Clinic', now: T0 });
    await new UserRepository(store.db).insert({
      id: '0c000000-0000-4000-8000-000000000001',
      organizationId: '0a000000-0000-4000-8000-000000000001',
      username: 'admin',
      displayName: 'Ada Admin',
      role: 'admin',
      passwordHash: '$argon2id$not-used-here',
      now: T0,
    });

    await expect(
      createDemoClinic(store.db, { clock: new ManualClock(new Date(T0)), hasher: argon2PasswordHasher }, { patients: 5 }),
    ).rejects.toThrow('The demo clinic can only be created in an empty workstation (use a new --data-dir)');

    const { raw } = store;
    expect([count(raw, 'organizations'), count(raw, 'users'), count(raw, 'locations'), count(raw, 'providers'), count(raw, 'patients')]).toEqual([1, 1, 0, 0, 0]);
  });

  it('leaves an existing demo clinic as it is on a second run', async () => {
    const store = await demoWorkstation({ seed: 7, patients: 20 });
    const before = await clinicalContent(store.db);

    const again = await createDemoClinic(store.db, { clock: new ManualClock(new Date(T0)), hasher: argon2PasswordHasher }, { seed: 8, patients: 30 });

    expect(again).toMatchObject({ alreadyPresent: true, patients: 20 });
    expect(await clinicalContent(store.db)).toEqual(before);
  });
});
