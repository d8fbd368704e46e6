import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResource } from '@medplum/core';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { ensureFhirDefinitions } from '../../../main/services/fhir/fhir-validation';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { checkedInEncounter, setUpClinicalClinic, type ClinicalClinic } from '../clinical/clinical-fixtures';

describe('FHIR export and import', () => {
  let tw: TestWorkstation;
  let other: TestWorkstation;
  let c: ClinicalClinic;
  let json = '';

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpClinicalClinic(tw);
    const patientId = c.patients.emilie;
    const { encounterId } = await checkedInEncounter(tw, c, patientId, '09:00');
    unwrap(await c.nurse.api.vitals.record({ encounterId, vitals: [{ measure: 'bodyTemperature', value: '37.0', unit: 'Cel', observedAt: '2026-03-02T08:05:00.000Z' }] }));
    unwrap(await c.nurse.api.allergies.record({ patientId, allergen: 'Penicillin', reaction: 'Hives', severity: 'moderate' }));
    const { order } = unwrap(await c.doctor.api.orders.draftMedication({ patientId, encounterId, drug: 'Amoxicillin', dose: 500, doseUnit: 'mg', route: 'oral', frequency: 'tid', durationDays: 7, quantity: 21 }));
    void order;
    unwrap(await c.doctor.api.orders.draftLab({ patientId, encounterId, testCode: '2345-7', testName: 'Glucose', specimen: 'serum' }));
    const problem = unwrap(await c.doctor.api.problems.record({ patientId, condition: 'Essential hypertension', codeSystem: 'icd-10', code: 'I10' }));
    unwrap(await c.doctor.api.carePlans.save({ patientId, title: 'Blood pressure control', goals: [{ description: 'BP under 140/90' }], activities: [{ description: 'Home BP log', dueDate: '2026-04-01' }], problemIds: [problem.id] }));
    other = await startTestWorkstation();
  });
  afterAll(async () => {
    await tw?.close();
    await other?.close();
  });

  it('exports a bundle whose every resource passes the FHIR R4 validator, decimals as measured', async () => {
    json = unwrap(await c.doctor.api.fhir.exportPatient({ patientId: c.patients.emilie })).json;
    expect(json).toContain('"value": 37.0');
    const bundle = JSON.parse(json) as Bundle;
    ensureFhirDefinitions();
    for (const e of bundle.entry!) expect(() => validateResource(e.resource!), e.resource!.resourceType).not.toThrow();
    const temp = bundle.entry!.map((e) => e.resource!).find((r): r is Observation => r.resourceType === 'Observation')!;
    expect(temp.meta?.profile).toEqual(['http://hl7.org/fhir/StructureDefinition/vitalsigns']);
    expect(temp.code.coding![0]).toMatchObject({ system: 'http://loinc.org', code: '8310-5' });
    expect(temp.valueQuantity).toMatchObject({ system: 'http://unitsofmeasure.org', code: 'Cel' });
    const types = new Set(bundle.entry!.map((e) => e.resource!.resourceType));
    for (const t of ['Patient', 'Practitioner', 'Organization', 'Encounter', 'Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'ServiceRequest', 'CarePlan']) expect(types).toContain(t);
    const desk = await c.desk.api.fhir.exportPatient({ patientId: c.patients.emilie });
    expect(desk.ok ? null : desk.error.code).toBe('FORBIDDEN');
  });

  it('imports the bundle as a new patient elsewhere and exports the same clinical content, 37.0 kept', async () => {
    const admin = other.client();
    unwrap(await admin.api.auth.setupFirstAdmin({ organizationName: 'Hillside', username: 'admin', password: 'correct horse battery', displayName: 'A' }));
    unwrap(await admin.api.users.create({ username: 'doc', displayName: 'Dr Doc', role: 'physician', password: 'doc password' }));
    const doc = other.client();
    unwrap(await doc.api.auth.login({ username: 'doc', password: 'doc password' }));
    expect(unwrap(await doc.api.fhir.validateBundle({ json }))).toEqual({ valid: true, problems: [] });
    const outcome = unwrap(await doc.api.fhir.importBundle({ json, mode: 'new' }));
    expect(outcome.created).toMatchObject({ Patient: 1, Observation: 1, Condition: 1, AllergyIntolerance: 1, MedicationRequest: 1, ServiceRequest: 1, CarePlan: 1 });
    const again = unwrap(await doc.api.fhir.exportPatient({ patientId: outcome.patientId })).json;
    expect(again).toContain('"value": 37.0');
  });

  it('refuses an invalid bundle with problems per resource and writes nothing', async () => {
    const bundle = JSON.parse(json) as Bundle;
    const obs = bundle.entry!.find((e) => e.resource!.resourceType === 'Observation')!.resource as Observation;
    (obs as { status: string }).status = 'bogus';
    obs.subject = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    const cond = bundle.entry!.find((e) => e.resource!.resourceType === 'Condition')!.resource as { code?: unknown };
    delete cond.code;
    const count = () => (tw.workstation.database.raw.prepare('SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM observations) AS n').get() as { n: number }).n;
    const before = count();
    const checked = unwrap(await c.doctor.api.fhir.validateBundle({ json: JSON.stringify(bundle) }));
    expect(checked.valid).toBe(false);
    expect(checked.problems.map((p) => p.resourceType)).toEqual(expect.arrayContaining(['Observation', 'Condition']));
    const refused = await c.doctor.api.fhir.importBundle({ json: JSON.stringify(bundle), mode: 'new' });
    expect(refused.ok ? null : refused.error.code).toBe('VALIDATION');
    expect(count()).toBe(before);
  });
});
