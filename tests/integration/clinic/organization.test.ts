import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../common/rpc/client';
import { startClinicFixture, type ClinicFixture } from '../../support/clinic-fixture';
import { unwrap } from '../../support/test-workstation';
import { recordEvents } from '../../support/transports';

describe('clinic organization details', () => {
  let f: ClinicFixture;
  let desk: ApiClient;
  let nurse: ApiClient;

  beforeAll(async () => {
    f = await startClinicFixture();
    await f.createUser('desk', 'front_desk');
    await f.createUser('nina', 'nurse');
    desk = await f.signIn('desk');
    nurse = await f.signIn('nina');
  });
  afterAll(async () => {
    await f?.tw.close();
  });

  it('shows the clinic created at first run to every role', async () => {
    const org = unwrap(await f.admin.api.clinic.getOrganization({}));
    expect(org).toMatchObject({ name: 'Riverside Clinic', phone: null, email: null, address: null, version: 1 });
    expect(unwrap(await desk.api.clinic.getOrganization({}))).toEqual(org);
    expect(unwrap(await nurse.api.clinic.getOrganization({}))).toEqual(org);
  });

  it('updates the details with the current version, trims them and stores empty as none', async () => {
    const before = unwrap(await f.admin.api.clinic.getOrganization({}));
    const updated = unwrap(
      await f.admin.api.clinic.updateOrganization({
        expectedVersion: before.version,
        name: '  Riverside Family Clinic ',
        phone: '+1 (555) 010-0200',
        email: 'front.desk@riverside.example',
        address: '12 River Road, Springfield',
      }),
    );
    expect(updated).toEqual({
      id: before.id,
      name: 'Riverside Family Clinic',
      phone: '+1 (555) 010-0200',
      email: 'front.desk@riverside.example',
      address: '12 River Road, Springfield',
      version: before.version + 1,
    });
    expect(unwrap(await desk.api.clinic.getOrganization({}))).toEqual(updated);
    // The first-run screen and the header read the same name.
    expect(unwrap(await f.tw.client().api.auth.setupStatus({})).organizationName).toBe('Riverside Family Clinic');

    const cleared = unwrap(
      await f.admin.api.clinic.updateOrganization({ expectedVersion: updated.version, name: updated.name, phone: '', email: ' ', address: '' }),
    );
    expect(cleared).toMatchObject({ phone: null, email: null, address: null, version: updated.version + 1 });
  });

  it('refuses a stale version with CONFLICT and keeps the newer details', async () => {
    const current = unwrap(await f.admin.api.clinic.getOrganization({}));
    const first = unwrap(
      await f.admin.api.clinic.updateOrganization({ expectedVersion: current.version, name: 'First Edit', phone: '', email: '', address: '' }),
    );
    const second = await f.admin.api.clinic.updateOrganization({
      expectedVersion: current.version,
      name: 'Lost Edit',
      phone: '',
      email: '',
      address: '',
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(unwrap(await f.admin.api.clinic.getOrganization({}))).toEqual(first);
  });

  it('names the field of a malformed phone or e-mail and changes nothing', async () => {
    const current = unwrap(await f.admin.api.clinic.getOrganization({}));
    const before = f.rows('organizations');
    const base = { expectedVersion: current.version, name: 'Riverside Clinic', phone: '', email: '', address: '' };
    expect(await f.admin.api.clinic.updateOrganization({ ...base, phone: 'call us' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'phone', message: 'Phone may contain only digits, spaces, + ( ) . / and -' },
    });
    expect(await f.admin.api.clinic.updateOrganization({ ...base, phone: '12' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'phone' },
    });
    expect(await f.admin.api.clinic.updateOrganization({ ...base, email: 'desk@' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'email', message: 'E-mail must look like name@example.org' },
    });
    expect(await f.admin.api.clinic.updateOrganization({ ...base, name: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'name', message: 'Clinic name is required' },
    });
    expect(await f.admin.api.clinic.updateOrganization({ ...base, address: 'line one\u202eevil' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'address' },
    });
    expect(f.rows('organizations')).toEqual(before);
  });

  it('refuses changes from every role but the administrator', async () => {
    const current = unwrap(await f.admin.api.clinic.getOrganization({}));
    const before = f.rows('organizations');
    for (const client of [desk, nurse]) {
      const refused = await client.api.clinic.updateOrganization({ expectedVersion: current.version, name: 'Hijacked', phone: '', email: '', address: '' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(f.rows('organizations')).toEqual(before);
  });

  it('tells every signed-in role that the clinic changed', async () => {
    const events = recordEvents(f.tw, desk);
    await events.barrier();
    const current = unwrap(await f.admin.api.clinic.getOrganization({}));
    unwrap(await f.admin.api.clinic.updateOrganization({ expectedVersion: current.version, name: 'Evented Clinic', phone: '', email: '', address: '' }));
    const seen = await events.waitFor((e) => e.name === 'clinic.changed');
    expect(seen.payload).toEqual({ entity: 'organization', id: current.id });
    events.stop();
  });
});
