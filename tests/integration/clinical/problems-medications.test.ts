import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../common/domain/problems';
import { setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';

describe('problem list and current medications through the API', () => {
  let tw: TestWorkstation;
  let c: ScheduleClinic;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpScheduleClinic(tw);
  });
  afterAll(async () => {
    await tw?.close();
  });

  const auditOf = (action: string) =>
    tw.workstation.database.raw.prepare('SELECT patient_id, outcome FROM audit_events WHERE action = ? ORDER BY seq DESC LIMIT 1').get(action) as
      | { patient_id: string | null; outcome: string }
      | undefined;

  it('records a coded problem, updates it with the version and resolves it on the clinic’s today', async () => {
    const recorded = unwrap(await c.nurse.api.problems.record({
      patientId: c.patients.emilie, condition: 'Essential hypertension', codeSystem: 'icd-10', code: 'i10', onsetDate: '2019-04-01', notes: 'Home readings 150/95',
    }));
    expect(recorded).toMatchObject({ condition: 'Essential hypertension', codeSystem: 'icd-10', code: 'I10', status: 'active', version: 1, recordedByName: 'User nina' });
    expect(auditOf('problems.record')).toEqual({ patient_id: c.patients.emilie, outcome: 'ok' });

    const renamed = unwrap(await c.nurse.api.problems.update({ id: recorded.id, expectedVersion: 1, condition: 'Hypertension, essential' }));
    expect(renamed).toMatchObject({ condition: 'Hypertension, essential', version: 2, code: 'I10' });
    expect(auditOf('problems.update')).toEqual({ patient_id: c.patients.emilie, outcome: 'ok' });

    const stale = await c.nurse.api.problems.update({ id: recorded.id, expectedVersion: 1, status: 'resolved' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'expectedVersion' } });

    const resolved = unwrap(await c.nurse.api.problems.update({ id: recorded.id, expectedVersion: 2, status: 'resolved' }));
    expect(resolved).toMatchObject({ status: 'resolved', resolvedDate: '2026-03-02', version: 3 });

    const other = unwrap(await c.nurse.api.problems.record({ patientId: c.patients.emilie, condition: 'Type 2 diabetes', codeSystem: 'snomed-ct', code: '44054006' }));
    const list = unwrap(await c.nurse.api.problems.list({ patientId: c.patients.emilie }));
    expect(list.map((p: Problem) => [p.condition, p.status])).toEqual([['Type 2 diabetes', 'active'], ['Hypertension, essential', 'resolved']]);

    unwrap(await c.nurse.api.problems.update({ id: other.id, expectedVersion: 1, status: 'entered-in-error' }));
    expect(unwrap(await c.nurse.api.problems.list({ patientId: c.patients.emilie })).map((p) => p.id)).toEqual([recorded.id]);
    expect(unwrap(await c.nurse.api.problems.list({ patientId: c.patients.emilie, includeEnteredInError: true }))).toHaveLength(2);
    expect(await c.nurse.api.problems.update({ id: other.id, expectedVersion: 2, status: 'active' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses bad codes, future onsets and unknown patients with the field at fault', async () => {
    const bad = (input: Parameters<typeof c.nurse.api.problems.record>[0]) => c.nurse.api.problems.record(input);
    expect(await bad({ patientId: c.patients.jonas, condition: 'Asthma', code: 'J45' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'codeSystem' } });
    expect(await bad({ patientId: c.patients.jonas, condition: 'Asthma', codeSystem: 'snomed-ct', code: 'J45' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } });
    expect(await bad({ patientId: c.patients.jonas, condition: 'Asthma', onsetDate: '2026-03-03' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'onsetDate' } });
    expect(await bad({ patientId: c.patients.jonas, condition: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'condition' } });
    expect(await bad({ patientId: '0d000000-0000-4000-8000-00000000dead', condition: 'Asthma' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'patientId' } });
    expect(unwrap(await c.nurse.api.problems.list({ patientId: c.patients.jonas }))).toEqual([]);
  });

  it('records a current medication and stops it; stopped ones can be left out', async () => {
    const med = unwrap(await c.nurse.api.medications.record({
      patientId: c.patients.jonas, drug: 'Metformin', dose: '500', unit: 'mg', route: 'oral', frequency: 'twice daily', startedOn: '2025-11-01',
    }));
    expect(med).toMatchObject({ drug: 'Metformin', dose: '500', unit: 'mg', status: 'active', stoppedOn: null, version: 1 });
    expect(auditOf('medications.record')).toEqual({ patient_id: c.patients.jonas, outcome: 'ok' });

    const early = await c.nurse.api.medications.update({ id: med.id, expectedVersion: 1, status: 'stopped', stoppedOn: '2025-10-01' });
    expect(early).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'stoppedOn' } });

    const stopped = unwrap(await c.nurse.api.medications.update({ id: med.id, expectedVersion: 1, status: 'stopped' }));
    expect(stopped).toMatchObject({ status: 'stopped', stoppedOn: '2026-03-02', version: 2 });
    expect(auditOf('medications.update')).toEqual({ patient_id: c.patients.jonas, outcome: 'ok' });

    unwrap(await c.nurse.api.medications.record({ patientId: c.patients.jonas, drug: 'Atorvastatin', dose: '20', unit: 'mg' }));
    expect(unwrap(await c.nurse.api.medications.list({ patientId: c.patients.jonas })).map((m) => [m.drug, m.status])).toEqual([
      ['Atorvastatin', 'active'],
      ['Metformin', 'stopped'],
    ]);
    expect(unwrap(await c.nurse.api.medications.list({ patientId: c.patients.jonas, includeStopped: false })).map((m) => m.drug)).toEqual(['Atorvastatin']);
    expect(await c.nurse.api.medications.update({ id: med.id, expectedVersion: 1, dose: '1000' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('keeps the front desk out of the problem list and medications', async () => {
    for (const result of [
      await c.desk.api.problems.list({ patientId: c.patients.emilie }),
      await c.desk.api.problems.record({ patientId: c.patients.emilie, condition: 'Asthma' }),
      await c.desk.api.medications.list({ patientId: c.patients.emilie }),
      await c.desk.api.medications.record({ patientId: c.patients.emilie, drug: 'Aspirin' }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
