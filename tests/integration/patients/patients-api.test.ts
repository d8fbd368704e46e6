import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../common/contract';
import type { ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import { setUpAdmin, startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';

type Registration = MethodInput<'patients.register'>;

function code(result: Result<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

describe('patients through the real workstation', () => {
  let tw: TestWorkstation;
  let admin: ApiClient;
  let desk: ApiClient;
  let nurse: ApiClient;

  const raw = () => tw.workstation.database.raw;
  const count = (sql: string, ...params: unknown[]) => (raw().prepare(sql).get(...params) as { n: number }).n;

  async function register(input: Partial<Registration> & Pick<Registration, 'givenName' | 'familyName' | 'dateOfBirth'>, client = desk) {
    return unwrap(await client.api.patients.register({ sex: 'female', ...input }));
  }

  async function search(query: string, options: { includeInactive?: boolean; limit?: number } = {}, client = desk) {
    return unwrap(await client.api.patients.search({ query, ...options }));
  }

  async function signIn(username: string, password: string) {
    const client = tw.client();
    unwrap(await client.api.auth.login({ username, password }));
    return client;
  }

  beforeAll(async () => {
    tw = await startTestWorkstation();
    admin = await setUpAdmin(tw);
    unwrap(await admin.api.users.create({ username: 'desk', displayName: 'Fran Front', role: 'front_desk', password: 'desk password 1' }));
    unwrap(await admin.api.users.create({ username: 'nina', displayName: 'Nina Nurse', role: 'nurse', password: 'nurse password 1' }));
    desk = await signIn('desk', 'desk password 1');
    nurse = await signIn('nina', 'nurse password 1');
  });
  afterAll(async () => {
    await tw.close();
  });

  describe('registration', () => {
    it('registers a patient with every demographic, assigning the next MRN and writing the history', async () => {
      const p = await register({
        givenName: '  María ',
        middleName: 'José',
        familyName: 'García',
        dateOfBirth: '1984-03-07',
        phone: '+1 (555)  555-0134',
        email: 'maria@example.org',
        addressLine: '12 Maple Street',
        city: 'Riverside',
        region: 'CA',
        postalCode: '90210',
        country: 'us',
        nationalId: 'ab-123 456',
        insuranceNumber: 'INS-000111',
        emergencyContactName: 'Luis García',
        emergencyContactRelationship: 'brother',
        emergencyContactPhone: '555 0199',
      });
      expect(p).toMatchObject({
        mrn: 'MRN000001',
        givenName: 'María',
        middleName: 'José',
        familyName: 'García',
        dateOfBirth: '1984-03-07',
        sex: 'female',
        phone: '+1 (555) 555-0134',
        country: 'US',
        nationalId: 'AB-123 456',
        insuranceNumber: 'INS-000111',
        emergencyContactName: 'Luis García',
        emergencyContactPhone: '555 0199',
        active: true,
        mergedInto: null,
        mergedFrom: [],
        version: 1,
      });
      expect(p.identifiers.map((i) => i.system).sort()).toEqual(['insurance', 'national_id']);
      expect(p.contacts).toEqual([expect.objectContaining({ kind: 'emergency', name: 'Luis García', relationship: 'brother' })]);
      expect(unwrap(await desk.api.patients.get({ id: p.id }))).toEqual(p);

      const history = unwrap(await desk.api.patients.history({ id: p.id }));
      expect(history).toEqual([expect.objectContaining({ kind: 'registered', username: 'desk', at: tw.clock.now().toISOString() })]);
      const audit = raw().prepare("SELECT patient_id, username FROM audit_events WHERE action = 'patients.register' AND outcome = 'ok'").all();
      expect(audit).toEqual([{ patient_id: p.id, username: 'desk' }]);

      const second = await register({ givenName: 'Kenji', familyName: 'Tanaka', dateOfBirth: '1975-11-02', sex: 'male' });
      expect(second.mrn).toBe('MRN000002');
    });

    it('refuses a future or absurd date of birth, an emergency contact without a name, and changes nothing', async () => {
      const before = count('SELECT count(*) AS n FROM patients');
      const future = await desk.api.patients.register({ givenName: 'Baby', familyName: 'Future', dateOfBirth: '2026-03-04', sex: 'unknown' });
      expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dateOfBirth', message: 'Date of birth cannot be in the future' } });
      const ancient = await desk.api.patients.register({ givenName: 'Old', familyName: 'Timer', dateOfBirth: '1850-01-01', sex: 'unknown' });
      expect(ancient).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dateOfBirth' } });
      const contact = await desk.api.patients.register({ givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1990-01-01', sex: 'female', emergencyContactPhone: '555 0100' });
      expect(contact).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'emergencyContactName' } });
      const badPhone = await desk.api.patients.register({ givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1990-01-01', sex: 'female', phone: 'call me' });
      expect(badPhone).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'phone' } });
      expect(count('SELECT count(*) AS n FROM patients')).toBe(before);
    });

    it('refuses a likely duplicate until the user acknowledges it, and lists it with reasons', async () => {
      const before = count('SELECT count(*) AS n FROM patients');
      const maria = unwrap(await desk.api.patients.search({ query: 'MRN000001' }))[0]!;
      // Accents, case, a typo and swapped names: still the same person.
      for (const [givenName, familyName] of [['MARIA', 'GARCIA'], ['Mraia', 'Garcia'], ['Garcia', 'Maria'], ['maría', 'Garcí']] as const) {
        const refused = await desk.api.patients.register({ givenName, familyName, dateOfBirth: '1984-03-07', sex: 'female' });
        expect(refused, `${givenName} ${familyName}`).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'acknowledgedDuplicateIds' } });
        expect(!refused.ok && refused.error.message).toContain('MRN000001');
      }
      const candidates = unwrap(await desk.api.patients.findDuplicates({ givenName: 'Maria', familyName: 'Garcia', dateOfBirth: '1984-03-07', phone: '555-555-0134' }));
      expect(candidates).toEqual([{ patient: expect.objectContaining({ id: maria.id, mrn: 'MRN000001' }), reasons: ['similar_name_same_birth_date', 'same_phone'] }]);
      // Same phone alone is a reason too (a relative, or the same person with another name).
      const byPhone = unwrap(await desk.api.patients.findDuplicates({ givenName: 'Pedro', familyName: 'Alvarez', dateOfBirth: '2010-05-05', phone: '555 555 0134' }));
      expect(byPhone.map((c) => c.reasons)).toEqual([['same_phone']]);
      // A different person with the same birthday is not.
      expect(unwrap(await desk.api.patients.findDuplicates({ givenName: 'Olga', familyName: 'Ivanova', dateOfBirth: '1984-03-07' }))).toEqual([]);
      expect(count('SELECT count(*) AS n FROM patients')).toBe(before);

      const twin = await register({ givenName: 'Marta', familyName: 'García', dateOfBirth: '1984-03-07', acknowledgedDuplicateIds: [maria.id] });
      expect(twin.mrn).toBe('MRN000003');
      expect(count('SELECT count(*) AS n FROM patients')).toBe(before + 1);
    });

    it('refuses an identifier that belongs to another patient, whatever the acknowledgement', async () => {
      const maria = (await search('MRN000001'))[0]!;
      const result = await desk.api.patients.register({
        givenName: 'Someone',
        familyName: 'Else',
        dateOfBirth: '1970-01-01',
        sex: 'male',
        nationalId: 'AB-123  456',
        acknowledgedDuplicateIds: [maria.id],
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'nationalId' } });
      expect(!result.ok && result.error.message).toContain('MRN000001');
    });

    it('follows the MRN pattern set by an administrator, which only the clinic manager may change', async () => {
      expect(unwrap(await admin.api.patients.mrnSettings({}))).toEqual({ pattern: 'MRN{seq:6}', nextMrn: 'MRN000004' });
      expect(code(await desk.api.patients.setMrnSettings({ pattern: 'X{seq:4}' }))).toBe('FORBIDDEN');
      expect(await admin.api.patients.setMrnSettings({ pattern: 'MRN{seq}' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'pattern' } });
      expect(unwrap(await admin.api.patients.setMrnSettings({ pattern: '{yyyy}-{seq:5}' }))).toEqual({ pattern: '{yyyy}-{seq:5}', nextMrn: '2026-00001' });
      const p = await register({ givenName: 'Noah', familyName: 'Walker', dateOfBirth: '2001-06-30', sex: 'male' });
      const q = await register({ givenName: 'Nora', familyName: 'Walsh', dateOfBirth: '2002-06-30' });
      expect([p.mrn, q.mrn]).toEqual(['2026-00001', '2026-00002']);
      unwrap(await admin.api.patients.setMrnSettings({ pattern: 'MRN{seq:6}' }));
      expect((await register({ givenName: 'Liam', familyName: 'Smith', dateOfBirth: '1999-09-09', sex: 'male' })).mrn).toBe('MRN000004');
    });
  });

  describe('search', () => {
    it('finds by name parts in any order, without accents or case, ranked by closeness', async () => {
      for (const query of ['garcia maria', 'maría garcía', 'GARCIA', 'gar mar', 'Maria Jose Garcia']) {
        const results = await search(query);
        expect(results[0], query).toMatchObject({ mrn: 'MRN000001' });
      }
      // "marta garcia": the exact Marta first, then María (one typo away from "marta").
      expect((await search('marta garcia')).map((r) => r.givenName)).toEqual(['Marta', 'María']);
      // An exact word outranks a longer word that merely starts with it.
      const ranked = await search('garc');
      expect(ranked.map((r) => r.familyName)).toEqual(['García', 'García']);
      expect(ranked[0]!.score).toBeGreaterThan(0);
    });

    it('finds by MRN, MRN digits, date of birth in several spellings, and phone digits', async () => {
      expect((await search('MRN000001')).map((r) => r.mrn)).toEqual(['MRN000001']);
      expect((await search('mrn000001'))[0]!.mrn).toBe('MRN000001');
      expect((await search('000002'))[0]!.mrn).toBe('MRN000002');
      for (const query of ['1984-03-07', '07/03/1984', '7.3.1984', '03/07/1984', '19840307']) {
        expect((await search(query)).map((r) => r.givenName).sort(), query).toEqual(['María', 'Marta'].sort());
      }
      expect((await search('garcia 1984-03-07')).map((r) => r.givenName).sort()).toEqual(['María', 'Marta'].sort());
      expect((await search('555 0134')).map((r) => r.mrn)).toEqual(['MRN000001']);
      expect((await search('(555) 555-0134')).map((r) => r.mrn)).toEqual(['MRN000001']);
      // The exact MRN comes before everything else that merely shares its digits.
      const byDigits = await search('000001');
      expect(byDigits[0]!.mrn).toBe('MRN000001');
    });

    it('forgives one typo in a name word', async () => {
      expect((await search('garica maria'))[0]).toMatchObject({ mrn: 'MRN000001' });
      expect((await search('tanka'))[0]).toMatchObject({ mrn: 'MRN000002' });
      expect(await search('zzzzzz')).toEqual([]);
    });

    it('treats search text as text: FTS syntax and SQL find nothing and break nothing', async () => {
      for (const query of ['"', 'garcia*', 'NEAR(garcia maria)', "'; DROP TABLE patients; --", '{names}: garcia', 'a OR b', '^', '   ', '']) {
        const result = await desk.api.patients.search({ query });
        expect(result.ok, query).toBe(true);
      }
      expect((await search('garcia*'))[0]!.familyName).toBe('García');
      expect(count('SELECT count(*) AS n FROM patients')).toBeGreaterThan(0);
    });

    it('reflects an edit, a deactivation and a reactivation at once', async () => {
      const kenji = (await search('tanaka kenji'))[0]!;
      const full = unwrap(await desk.api.patients.get({ id: kenji.id }));
      unwrap(await desk.api.patients.update({ id: kenji.id, expectedVersion: full.version, changes: { familyName: 'Takahashi', phone: '+81 3 1234 5678' } }));
      expect(await search('tanaka')).toEqual([]);
      expect((await search('takahashi'))[0]!.id).toBe(kenji.id);
      expect((await search('1234 5678'))[0]!.id).toBe(kenji.id);

      unwrap(await desk.api.patients.setActive({ id: kenji.id, active: false }));
      expect(await search('takahashi')).toEqual([]);
      expect((await search('takahashi', { includeInactive: true }))[0]).toMatchObject({ id: kenji.id, active: false });
      unwrap(await desk.api.patients.setActive({ id: kenji.id, active: true }));
      expect((await search('takahashi'))[0]).toMatchObject({ id: kenji.id, active: true });
    });

    it('is open to every role with patients.read and bounded by the contract', async () => {
      expect((await search('garcia', {}, nurse)).length).toBeGreaterThan(0);
      expect(code(await desk.api.patients.search({ query: 'x'.repeat(201) }))).toBe('VALIDATION');
      expect(code(await desk.api.patients.search({ query: 'garcia', limit: 51 }))).toBe('VALIDATION');
      expect(await search('garcia', { limit: 1 })).toHaveLength(1);
    });
  });

  describe('editing', () => {
    it('keeps who changed which field, from what, to what, and refuses a stale version', async () => {
      const maria = (await search('MRN000001'))[0]!;
      const before = unwrap(await desk.api.patients.get({ id: maria.id }));
      tw.clock.advance(60_000);
      const after = unwrap(
        await desk.api.patients.update({
          id: maria.id,
          expectedVersion: before.version,
          changes: { phone: '555 555 0199', city: '', insuranceNumber: 'INS-999', emergencyContactPhone: '555 0188', sex: 'female' },
        }),
      );
      expect(after).toMatchObject({ phone: '555 555 0199', city: null, insuranceNumber: 'INS-999', emergencyContactPhone: '555 0188', version: before.version + 1 });
      const history = unwrap(await desk.api.patients.history({ id: maria.id }));
      // Newest first: one edit's fields come back in reverse order of writing.
      const updates = history.filter((h) => h.kind === 'updated').reverse();
      expect(updates.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
        ['phone', '+1 (555) 555-0134', '555 555 0199'],
        ['city', 'Riverside', null],
        ['insuranceNumber', 'INS-000111', 'INS-999'],
        ['emergencyContactPhone', '555 0199', '555 0188'],
      ]);
      expect(updates.every((h) => h.username === 'desk' && h.at === tw.clock.now().toISOString())).toBe(true);
      // The old identifier row is kept, soft-deleted.
      expect(count("SELECT count(*) AS n FROM patient_identifiers WHERE patient_id = ? AND system = 'insurance'", maria.id)).toBe(2);

      const stale = await desk.api.patients.update({ id: maria.id, expectedVersion: before.version, changes: { city: 'Lakeview' } });
      expect(code(stale)).toBe('CONFLICT');
      expect(unwrap(await desk.api.patients.get({ id: maria.id })).city).toBeNull();

      const same = unwrap(await desk.api.patients.update({ id: maria.id, expectedVersion: after.version, changes: { phone: '555  555 0199' } }));
      expect(same.version).toBe(after.version);

      const future = await desk.api.patients.update({ id: maria.id, expectedVersion: after.version, changes: { dateOfBirth: '2030-01-01' } });
      expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'changes.dateOfBirth' } });
      expect(await desk.api.patients.update({ id: maria.id, expectedVersion: after.version, changes: {} })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'changes' },
      });
    });

    it('lets a nurse read but not write, and only an administrator merge', async () => {
      const maria = (await search('MRN000001'))[0]!;
      expect(unwrap(await nurse.api.patients.get({ id: maria.id })).id).toBe(maria.id);
      expect(code(await nurse.api.patients.register({ givenName: 'N', familyName: 'O', dateOfBirth: '2000-01-01', sex: 'male' }))).toBe('FORBIDDEN');
      expect(code(await nurse.api.patients.update({ id: maria.id, expectedVersion: 1, changes: { city: 'X' } }))).toBe('FORBIDDEN');
      expect(code(await nurse.api.patients.setActive({ id: maria.id, active: false }))).toBe('FORBIDDEN');
      expect(code(await desk.api.patients.merge({ survivorId: maria.id, mergedId: maria.id, expectedVersions: { survivor: 1, merged: 1 } }))).toBe('FORBIDDEN');
      expect(code(await desk.api.patients.get({ id: '0d000000-0000-4000-8000-00000000dead' }))).toBe('NOT_FOUND');
    });
  });

  describe('merging', () => {
    const PROVIDER = '1a000000-0000-4000-8000-0000000000aa';
    const stamps = { created_at: '2026-03-02T08:00:00.000Z', updated_at: '2026-03-02T08:00:00.000Z' };

    function insertClinicalRows(patientId: string, suffix: string) {
      const r = raw();
      const org = (r.prepare('SELECT id FROM organizations').get() as { id: string }).id;
      r.prepare('INSERT OR IGNORE INTO providers (id, organization_id, given_name, family_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        PROVIDER, org, 'Maria', 'Lindqvist', stamps.created_at, stamps.updated_at,
      );
      const id = (prefix: string) => `${prefix}000000-0000-4000-8000-0000000000${suffix}`;
      r.prepare('INSERT INTO appointments (id, patient_id, provider_id, appointment_type, starts_at, ends_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        id('1b'), patientId, PROVIDER, 'follow-up', `2026-04-${suffix}T09:00:00.000Z`, `2026-04-${suffix}T09:20:00.000Z`, stamps.created_at, stamps.updated_at,
      );
      r.prepare("INSERT INTO encounters (id, patient_id, provider_id, status, created_at, updated_at) VALUES (?, ?, ?, 'finished', ?, ?)").run(id('1c'), patientId, PROVIDER, stamps.created_at, stamps.updated_at);
      r.prepare(
        "INSERT INTO observations (id, patient_id, code_system, code, value_text, observed_at, status, source, created_at, updated_at) VALUES (?, ?, 'http://loinc.org', '8310-5', '37.0', ?, 'final', 'manual', ?, ?)",
      ).run(id('1e'), patientId, stamps.created_at, stamps.created_at, stamps.updated_at);
      r.prepare("INSERT INTO orders (id, patient_id, kind, code_system, code, display, status, created_at, updated_at) VALUES (?, ?, 'lab', 'http://loinc.org', '2345-7', 'Glucose', 'active', ?, ?)").run(
        id('1f'), patientId, stamps.created_at, stamps.updated_at,
      );
      r.prepare("INSERT INTO care_plans (id, patient_id, title, status, created_at, updated_at) VALUES (?, ?, 'Follow-up', 'active', ?, ?)").run(id('2a'), patientId, stamps.created_at, stamps.updated_at);
    }

    const owned = (patientId: string) =>
      ['appointments', 'encounters', 'observations', 'orders', 'care_plans', 'patient_identifiers', 'patient_contacts'].map((t) =>
        count(`SELECT count(*) AS n FROM ${t} WHERE patient_id = ? AND deleted = 0`, patientId),
      );

    it('moves everything in one transaction: a failure halfway moves nothing', async () => {
      const survivor = await register({ givenName: 'Anaïs', familyName: 'Lefèvre', dateOfBirth: '1960-02-02', phone: '555 222 3333' });
      const dup = await register({
        givenName: 'Anais',
        familyName: 'Lefevre',
        dateOfBirth: '1960-02-02',
        nationalId: 'FR-777',
        emergencyContactName: 'Paul Lefèvre',
        acknowledgedDuplicateIds: [survivor.id],
      });
      insertClinicalRows(dup.id, '11');
      const before = { survivor: owned(survivor.id), dup: owned(dup.id) };
      expect(before.dup).toEqual([1, 1, 1, 1, 1, 1, 1]);

      raw().exec("CREATE TEMP TRIGGER fail_merge BEFORE UPDATE OF patient_id ON care_plans BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
      const failed = await admin.api.patients.merge({ survivorId: survivor.id, mergedId: dup.id, expectedVersions: { survivor: survivor.version, merged: dup.version } });
      expect(code(failed)).toBe('INTERNAL');
      raw().exec('DROP TRIGGER fail_merge');
      expect({ survivor: owned(survivor.id), dup: owned(dup.id) }).toEqual(before);
      expect(unwrap(await admin.api.patients.get({ id: dup.id }))).toMatchObject({ active: true, mergedInto: null, version: dup.version });
      expect(unwrap(await admin.api.patients.history({ id: dup.id })).map((h) => h.kind)).toEqual(['registered']);
    });

    it('moves appointments, encounters, observations, orders, care plans, identifiers and contacts to the survivor', async () => {
      const [survivor] = await search('anais lefevre 1960-02-02');
      const all = await search('anais lefevre');
      const dup = all.find((p) => p.id !== survivor!.id)!;
      const s = unwrap(await admin.api.patients.get({ id: survivor!.id }));
      const d = unwrap(await admin.api.patients.get({ id: dup.id }));

      const stale = await admin.api.patients.merge({ survivorId: s.id, mergedId: d.id, expectedVersions: { survivor: s.version, merged: d.version + 5 } });
      expect(code(stale)).toBe('CONFLICT');
      expect(await admin.api.patients.merge({ survivorId: s.id, mergedId: s.id, expectedVersions: { survivor: s.version, merged: s.version } })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'mergedId' },
      });

      const merged = unwrap(await admin.api.patients.merge({ survivorId: s.id, mergedId: d.id, expectedVersions: { survivor: s.version, merged: d.version } }));
      expect(merged.mergedFrom).toEqual([expect.objectContaining({ id: d.id, mrn: d.mrn })]);
      expect(merged.nationalId).toBe('FR-777');
      expect(owned(s.id)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      expect(owned(d.id)).toEqual([0, 0, 0, 0, 0, 0, 0]);

      const gone = unwrap(await admin.api.patients.get({ id: d.id }));
      expect(gone).toMatchObject({ active: false, mergedInto: { id: s.id, mrn: s.mrn } });
      const sHistory = unwrap(await admin.api.patients.history({ id: s.id }));
      const dHistory = unwrap(await admin.api.patients.history({ id: d.id }));
      expect(sHistory[0]).toMatchObject({ kind: 'merged_from', username: 'admin', relatedPatient: { id: d.id } });
      expect(sHistory[0]!.newValue).toContain('1 appointments');
      expect(dHistory[0]).toMatchObject({ kind: 'merged_into', relatedPatient: { id: s.id } });
      const audit = raw().prepare("SELECT patient_id FROM audit_events WHERE action = 'patients.merge' AND outcome = 'ok'").all();
      expect(audit).toEqual([{ patient_id: s.id }]);

      // Search: the merged record is gone from the default results, shown as inactive on request.
      expect((await search('anais lefevre')).map((p) => p.id)).toEqual([s.id]);
      expect((await search('anais lefevre', { includeInactive: true })).map((p) => p.id).sort()).toEqual([s.id, d.id].sort());
      // A merged record cannot come back, be edited or be merged again.
      expect(code(await admin.api.patients.setActive({ id: d.id, active: true }))).toBe('CONFLICT');
      expect(code(await admin.api.patients.update({ id: d.id, expectedVersion: gone.version, changes: { city: 'X' } }))).toBe('CONFLICT');
      const survivorNow = unwrap(await admin.api.patients.get({ id: s.id }));
      expect(
        code(await admin.api.patients.merge({ survivorId: s.id, mergedId: d.id, expectedVersions: { survivor: survivorNow.version, merged: gone.version } })),
      ).toBe('CONFLICT');
      // And it no longer counts as a duplicate.
      expect(unwrap(await desk.api.patients.findDuplicates({ givenName: 'Anais', familyName: 'Lefevre', dateOfBirth: '1960-02-02' })).map((c) => c.patient.id)).toEqual([s.id]);
    });
  });
});
