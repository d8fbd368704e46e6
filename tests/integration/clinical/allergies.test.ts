import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { setUpClinicalClinic, type ClinicalClinic } from './clinical-fixture';

describe('allergies', () => {
  let tw: TestWorkstation;
  let c: ClinicalClinic;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpClinicalClinic(tw);
  });
  afterAll(async () => {
    await tw?.close();
  });

  const auditOf = (action: string) =>
    tw.workstation.database.raw.prepare('SELECT patient_id, outcome, username FROM audit_events WHERE action = ? ORDER BY seq').all(action) as {
      patient_id: string | null; outcome: string; username: string;
    }[];

  it('a nurse records an allergy and everyone clinical sees it, active first', async () => {
    const penicillin = unwrap(await c.nurse.api.allergies.record({ patientId: c.patients.emilie, allergen: 'Penicillin', reaction: 'Hives', severity: 'moderate' }));
    expect(penicillin).toMatchObject({ allergen: 'Penicillin', category: 'drug', reaction: 'Hives', severity: 'moderate', status: 'active', code: null, version: 1 });
    const latex = unwrap(await c.physician.api.allergies.record({ patientId: c.patients.emilie, allergen: 'Latex', category: 'substance', code: '111088007', codeSystem: 'snomed' }));
    expect(latex).toMatchObject({ category: 'substance', code: '111088007', codeSystem: 'snomed', reaction: null, severity: 'unknown' });
    const listed = unwrap(await c.physician.api.allergies.list({ patientId: c.patients.emilie }));
    expect(listed.map((a) => a.allergen)).toEqual(['Latex', 'Penicillin']);
    expect(auditOf('allergies.record').map((a) => a.patient_id)).toEqual([c.patients.emilie, c.patients.emilie]);
  });

  it('marks an allergy inactive at its version; a stale version is a conflict', async () => {
    const [latex] = unwrap(await c.nurse.api.allergies.list({ patientId: c.patients.emilie }));
    const updated = unwrap(await c.nurse.api.allergies.update({ id: latex!.id, expectedVersion: latex!.version, status: 'inactive' }));
    expect(updated).toMatchObject({ status: 'inactive', version: 2 });
    const stale = await c.nurse.api.allergies.update({ id: latex!.id, expectedVersion: 1, severity: 'severe' });
    expect(stale.ok ? null : stale.error).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect(unwrap(await c.nurse.api.allergies.list({ patientId: c.patients.emilie })).map((a) => a.allergen)).toEqual(['Penicillin']);
    const all = unwrap(await c.nurse.api.allergies.list({ patientId: c.patients.emilie, includeInactive: true }));
    expect(all.map((a) => `${a.allergen}:${a.status}`)).toEqual(['Penicillin:active', 'Latex:inactive']);
    expect(auditOf('allergies.update').at(-1)).toMatchObject({ patient_id: c.patients.emilie, outcome: 'error' });
  });

  it('refuses unknown patients and bad values with the field named', async () => {
    const missing = await c.nurse.api.allergies.record({ patientId: '0d000000-0000-4000-8000-00000000dead', allergen: 'Penicillin' });
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'NOT_FOUND', field: 'patientId' });
    const blank = await c.nurse.api.allergies.record({ patientId: c.patients.emilie, allergen: '   ' });
    expect(blank.ok ? null : blank.error).toMatchObject({ code: 'VALIDATION', field: 'allergen', message: 'Allergen is required' });
    const badCode = await c.nurse.api.allergies.record({ patientId: c.patients.emilie, allergen: 'Sulfa', code: 'a b' });
    expect(badCode.ok ? null : badCode.error).toMatchObject({ code: 'VALIDATION', field: 'code' });
  });

  it('stores SQL and markup literally in free-text fields', async () => {
    const allergen = '<script>alert(1)</script>';
    const reaction = "'; DROP TABLE users; --";
    const saved = unwrap(await c.nurse.api.allergies.record({ patientId: c.patients.jonas, allergen, reaction }));
    expect(saved).toMatchObject({ allergen, reaction });
    expect(tw.workstation.database.raw.prepare('SELECT allergen, reaction FROM allergies WHERE id = ?').get(saved.id)).toEqual({ allergen, reaction });
    const { order } = unwrap(await c.nurse.api.orders.draftMedication({
      patientId: c.patients.jonas, drug: '<img src=x onerror=alert(1)>', dose: 1, doseUnit: 'tablet', route: 'oral', frequency: 'once', instructions: "' OR '1'='1",
    }));
    expect(order).toMatchObject({ display: '<img src=x onerror=alert(1)>', medication: { instructions: "' OR '1'='1" } });
  });

  it('front desk has no access to allergies', async () => {
    const list = await c.desk.api.allergies.list({ patientId: c.patients.emilie });
    expect(list.ok ? null : list.error.code).toBe('FORBIDDEN');
    const record = await c.desk.api.allergies.record({ patientId: c.patients.emilie, allergen: 'Peanuts', category: 'substance' });
    expect(record.ok ? null : record.error.code).toBe('FORBIDDEN');
  });
});
