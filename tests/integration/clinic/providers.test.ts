import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../../common/domain/clinic';
import type { ApiClient } from '../../../common/rpc/client';
import { startClinicFixture, type ClinicFixture } from '../../support/clinic-fixture';
import { unwrap } from '../../support/test-workstation';
import { recordEvents } from '../../support/transports';

const MISSING = '00000000-0000-4000-8000-00000000dead';

interface ProviderInput {
  id?: string;
  expectedVersion?: number;
  givenName: string;
  familyName: string;
  specialty?: string;
  licenseNumber?: string;
  userId?: string;
}

describe('clinic providers', () => {
  let f: ClinicFixture;
  let desk: ApiClient;
  let nurse: ApiClient;
  const ids: Record<'desk' | 'nina' | 'paul' | 'pia' | 'olga' | 'gone', string> = {} as never;

  const save = (input: ProviderInput) => f.admin.api.clinic.saveProvider(input);
  /** The provider's editable fields as they are, with `changes` on top (absent optional = none). */
  const edit = (p: Provider, changes: Partial<ProviderInput> = {}) =>
    save({
      id: p.id,
      expectedVersion: p.version,
      givenName: p.givenName,
      familyName: p.familyName,
      ...(p.specialty !== null ? { specialty: p.specialty } : {}),
      ...(p.licenseNumber !== null ? { licenseNumber: p.licenseNumber } : {}),
      ...(p.userId !== null ? { userId: p.userId } : {}),
      ...changes,
    });
  const listed = async (p: Provider, client: ApiClient = f.admin) =>
    unwrap(await client.api.clinic.listProviders({ includeInactive: true })).find((x) => x.id === p.id);

  beforeAll(async () => {
    f = await startClinicFixture();
    ids.desk = await f.createUser('desk', 'front_desk');
    ids.nina = await f.createUser('nina', 'nurse');
    ids.paul = await f.createUser('paul', 'physician');
    ids.pia = await f.createUser('pia', 'physician');
    ids.olga = await f.createUser('olga', 'physician');
    ids.gone = await f.createUser('gone', 'physician');
    unwrap(await f.admin.api.users.setActive({ id: ids.gone, active: false }));
    desk = await f.signIn('desk');
    nurse = await f.signIn('nina');
  });
  afterAll(async () => {
    await f?.tw.close();
  });

  it('creates a provider linked to a physician account and lists them to every role with the username', async () => {
    const created = unwrap(
      await save({ givenName: ' Paul ', familyName: 'Physician', specialty: 'General practice', licenseNumber: 'MD-12/345', userId: ids.paul }),
    );
    expect(created).toEqual({
      id: expect.any(String),
      givenName: 'Paul',
      familyName: 'Physician',
      displayName: 'Paul Physician',
      specialty: 'General practice',
      licenseNumber: 'MD-12/345',
      userId: ids.paul,
      username: 'paul',
      active: true,
      version: 1,
    });
    expect(await listed(created, desk)).toEqual(created);
    expect(await listed(created, nurse)).toEqual(created);
  });

  it('creates a provider without specialty, license or account', async () => {
    const bare = unwrap(await save({ givenName: 'Maria', familyName: 'Lindqvist', specialty: '', licenseNumber: '' }));
    expect(bare).toMatchObject({ specialty: null, licenseNumber: null, userId: null, username: null });
  });

  it('changes details with the current version, unlinks by leaving the account out, and refuses a stale version', async () => {
    const p = unwrap(await save({ givenName: 'Nina', familyName: 'Nurse', userId: ids.nina }));
    const renamed = unwrap(await edit(p, { familyName: 'Nightingale', specialty: 'Wound care' }));
    expect(renamed).toMatchObject({ displayName: 'Nina Nightingale', specialty: 'Wound care', userId: ids.nina, version: p.version + 1 });

    const before = f.rows('providers');
    expect(await edit(p, { familyName: 'Lost edit' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(f.rows('providers')).toEqual(before);

    const unlinked = unwrap(await edit({ ...renamed, userId: null }));
    expect(unlinked).toMatchObject({ userId: null, username: null, specialty: 'Wound care' });
  });

  it('links only an existing, active physician or nurse account, and names the field', async () => {
    const before = f.rows('providers');
    const base = { givenName: 'Link', familyName: 'Rules' };
    expect(await save({ ...base, userId: MISSING })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such user account', field: 'userId' } });
    expect(await save({ ...base, userId: ids.gone })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'The account “gone” is inactive', field: 'userId' } });
    expect(await save({ ...base, userId: ids.desk })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The account “desk” is a front desk account; only physician and nurse accounts can be linked to a provider',
        field: 'userId',
      },
    });
    const adminId = unwrap(await f.admin.api.auth.currentSession({})).user.id;
    expect(await save({ ...base, userId: adminId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'userId' } });
    expect(f.rows('providers')).toEqual(before);
  });

  it('links an account to at most one provider, active or not', async () => {
    const first = unwrap(await save({ givenName: 'Pia', familyName: 'One', userId: ids.pia }));
    const before = f.rows('providers');
    expect(await save({ givenName: 'Pia', familyName: 'Two', userId: ids.pia })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'The account “pia” is already linked to the provider Pia One', field: 'userId' },
    });
    const other = unwrap(await save({ givenName: 'Other', familyName: 'Provider' }));
    expect(await edit(other, { userId: ids.pia })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'userId' } });
    expect(f.rows('providers').length).toBe(before.length + 1);

    // A deactivated provider keeps the account; unlinking frees it for another provider.
    const inactive = unwrap(await f.admin.api.clinic.setProviderActive({ id: first.id, active: false }));
    expect(await edit(other, { userId: ids.pia })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'userId' } });
    unwrap(await edit({ ...inactive, userId: null }));
    expect(unwrap(await edit((await listed(other))!, { userId: ids.pia })).username).toBe('pia');
  });

  it('keeps an existing link when other details change after the account was deactivated', async () => {
    const p = unwrap(await save({ givenName: 'Olga', familyName: 'Old', userId: ids.olga }));
    unwrap(await f.admin.api.users.setActive({ id: ids.olga, active: false }));
    const edited = unwrap(await edit(p, { specialty: 'Geriatrics' }));
    expect(edited).toMatchObject({ userId: ids.olga, username: 'olga', specialty: 'Geriatrics' });
    unwrap(await f.admin.api.users.setActive({ id: ids.olga, active: true }));
  });

  it('deactivates and reactivates, hiding inactive providers unless asked', async () => {
    const p = unwrap(await save({ givenName: 'Hana', familyName: 'Sato', specialty: 'Pediatrics' }));
    const off = unwrap(await f.admin.api.clinic.setProviderActive({ id: p.id, active: false }));
    expect(off).toMatchObject({ active: false, version: p.version + 1 });
    expect(unwrap(await f.admin.api.clinic.setProviderActive({ id: p.id, active: false }))).toEqual(off);
    expect(unwrap(await desk.api.clinic.listProviders({})).map((x) => x.id)).not.toContain(p.id);
    expect(unwrap(await desk.api.clinic.listProviders({ includeInactive: true })).map((x) => x.id)).toContain(p.id);
    expect(unwrap(await f.admin.api.clinic.setProviderActive({ id: p.id, active: true })).active).toBe(true);

    expect(await f.admin.api.clinic.setProviderActive({ id: MISSING, active: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'id' },
    });
    expect(await save({ id: MISSING, expectedVersion: 1, givenName: 'No', familyName: 'One' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'id' },
    });
    expect(await save({ id: p.id, givenName: 'No', familyName: 'Version' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'expectedVersion' },
    });
  });

  it('names the field of a malformed license number or name and changes nothing', async () => {
    const before = f.rows('providers');
    expect(await save({ givenName: 'Bad', familyName: 'License', licenseNumber: 'MD 1=1' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'licenseNumber' },
    });
    expect(await save({ givenName: '', familyName: 'Nameless' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'givenName', message: 'Given name is required' },
    });
    expect(await save({ givenName: 'Line', familyName: 'Break\nHere' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'familyName' },
    });
    expect(f.rows('providers')).toEqual(before);
  });

  it('lets every role list providers but only the administrator change them, and tells them of changes', async () => {
    const p = unwrap(await save({ givenName: 'Guarded', familyName: 'Provider' }));
    const before = f.rows('providers');
    for (const client of [desk, nurse]) {
      expect(await client.api.clinic.saveProvider({ givenName: 'Sneaky', familyName: 'Provider' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await client.api.clinic.setProviderActive({ id: p.id, active: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(f.rows('providers')).toEqual(before);

    const events = recordEvents(f.tw, nurse);
    await events.barrier();
    unwrap(await edit(p, { specialty: 'Dermatology' }));
    expect((await events.waitFor((e) => e.name === 'clinic.changed')).payload).toEqual({ entity: 'provider', id: p.id });
    events.stop();
  });

  it('stores SQL and markup in names and specialty literally', async () => {
    const p = unwrap(
      await save({ givenName: "' OR '1'='1", familyName: '<script>alert(1)</script>', specialty: "'; DROP TABLE providers; --" }),
    );
    expect(await listed(p)).toMatchObject({
      givenName: "' OR '1'='1",
      familyName: '<script>alert(1)</script>',
      specialty: "'; DROP TABLE providers; --",
    });
  });
});
