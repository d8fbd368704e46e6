import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../common/domain/orders';
import { buildAstmSession } from '../../../main/devices/astm/astm-driver';
import { PipeTransportFactory, type PipeDevice } from '../../support/pipe-transport';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { setUpClinicalClinic, type ClinicalClinic } from './clinical-fixture';

const ANALYZER_PATH = '/dev/aipc-test-analyzer';

async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const amoxicillin = { drug: 'Amoxicillin 500 mg capsules', dose: 500, doseUnit: 'mg', route: 'oral', frequency: 'tid', durationDays: 7, quantity: 21, refills: 0 } as const;

describe('orders', () => {
  let tw: TestWorkstation;
  let c: ClinicalClinic;
  let pipes: PipeTransportFactory;
  let analyzer: PipeDevice;

  const errorOf = (r: { ok: true } | { ok: false; error: { code: string; field?: string } }) => (r.ok ? null : r.error);
  const audit = (action: string) =>
    tw.workstation.database.raw.prepare('SELECT patient_id, outcome, username FROM audit_events WHERE action = ? ORDER BY seq').all(action) as {
      patient_id: string | null; outcome: string; username: string;
    }[];

  beforeAll(async () => {
    pipes = new PipeTransportFactory();
    tw = await startTestWorkstation({ devices: { factory: pipes, scanPorts: async () => ({ serial: [], usb: [], errors: [] }) } });
    c = await setUpClinicalClinic(tw);
    analyzer = pipes.plug(ANALYZER_PATH);
    unwrap(await c.admin.api.devices.create({
      name: 'Chemistry analyzer', kind: 'lab_analyzer', protocol: 'astm',
      transport: { type: 'serial', path: ANALYZER_PATH, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
    }));
    await until(() => analyzer.connected, 'the analyzer connection');
  });
  afterAll(async () => {
    await tw?.close();
  });

  describe('medication orders', () => {
    it('a nurse drafts, cannot sign; a physician signs; then it is completed', async () => {
      const drafted = unwrap(await c.nurse.api.orders.draftMedication({ patientId: c.patients.emilie, ...amoxicillin, instructions: 'With food' }));
      expect(drafted.allergyWarnings).toEqual([]);
      expect(drafted.order).toMatchObject({
        kind: 'medication', status: 'draft', display: 'Amoxicillin 500 mg capsules', codeSystem: 'urn:aipc:drug-name', orderedByName: 'User nina', signedBy: null, lab: null,
        medication: { dose: 500, doseUnit: 'mg', route: 'oral', frequency: 'tid', durationDays: 7, quantity: 21, refills: 0, instructions: 'With food' },
      });

      const nurseSign = await c.nurse.api.orders.sign({ orderId: drafted.order.id, expectedVersion: 1 });
      expect(errorOf(nurseSign)?.code).toBe('FORBIDDEN');

      const signed = unwrap(await c.physician.api.orders.sign({ orderId: drafted.order.id, expectedVersion: 1 }));
      expect(signed.order).toMatchObject({ status: 'active', signedByName: 'Dana Doctor', signedAt: tw.clock.now().toISOString(), version: 2, allergyOverrideReason: null });

      const again = await c.physician.api.orders.sign({ orderId: drafted.order.id, expectedVersion: 2 });
      expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', field: 'orderId' });

      const completed = unwrap(await c.nurse.api.orders.complete({ orderId: drafted.order.id, expectedVersion: 2 }));
      expect(completed.status).toBe('completed');
      const cancelDone = await c.nurse.api.orders.cancel({ orderId: drafted.order.id, expectedVersion: 3, reason: 'Too late' });
      expect(errorOf(cancelDone)).toMatchObject({ code: 'CONFLICT', field: 'orderId' });
      expect(audit('orders.sign').map((a) => `${a.username} ${a.outcome} ${a.patient_id === c.patients.emilie}`)).toEqual(['nina denied false', 'doc ok true', 'doc error true']);
    });

    it('checks status transitions and versions', async () => {
      const { order } = unwrap(await c.nurse.api.orders.draftMedication({ patientId: c.patients.emilie, ...amoxicillin }));
      const completeDraft = await c.nurse.api.orders.complete({ orderId: order.id, expectedVersion: 1 });
      expect(errorOf(completeDraft)).toMatchObject({ code: 'CONFLICT', field: 'orderId' });
      const stale = await c.nurse.api.orders.cancel({ orderId: order.id, expectedVersion: 7, reason: 'Duplicate' });
      expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
      const noReason = await c.nurse.api.orders.cancel({ orderId: order.id, expectedVersion: 1, reason: ' ' });
      expect(errorOf(noReason)).toMatchObject({ code: 'VALIDATION', field: 'reason' });
      const cancelled = unwrap(await c.nurse.api.orders.cancel({ orderId: order.id, expectedVersion: 1, reason: 'Duplicate' }));
      expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'Duplicate' });
      const signCancelled = await c.physician.api.orders.sign({ orderId: order.id, expectedVersion: 2 });
      expect(errorOf(signCancelled)).toMatchObject({ code: 'CONFLICT', field: 'orderId' });
      const missing = await c.physician.api.orders.sign({ orderId: '1f000000-0000-4000-8000-00000000dead', expectedVersion: 1 });
      expect(errorOf(missing)).toMatchObject({ code: 'NOT_FOUND', field: 'orderId' });
    });

    it('refuses bad medication fields with the field named', async () => {
      const zeroDose = await c.nurse.api.orders.draftMedication({ patientId: c.patients.emilie, ...amoxicillin, dose: 0 });
      expect(errorOf(zeroDose)).toMatchObject({ code: 'VALIDATION', field: 'dose' });
      const route = await c.nurse.api.orders.draftMedication({ patientId: c.patients.emilie, ...amoxicillin, route: 'by mouth' as 'oral' });
      expect(errorOf(route)).toMatchObject({ code: 'VALIDATION', field: 'route' });
      const refills = await c.nurse.api.orders.draftMedication({ patientId: c.patients.emilie, ...amoxicillin, refills: 13 });
      expect(errorOf(refills)).toMatchObject({ code: 'VALIDATION', field: 'refills', message: 'Refills must be 0–12' });
    });
  });

  describe('allergy warnings', () => {
    let penicillinId: string;
    beforeAll(async () => {
      penicillinId = unwrap(await c.nurse.api.allergies.record({ patientId: c.patients.jonas, allergen: 'Penicillin', reaction: 'Anaphylaxis', severity: 'severe' })).id;
      unwrap(await c.nurse.api.allergies.record({ patientId: c.patients.jonas, allergen: 'Codéine', code: '2670', codeSystem: 'rxnorm', reaction: 'Vomiting', severity: 'mild' }));
    });

    it('warns on a drug of the same class as a recorded allergy (penicillin ↔ amoxicillin)', async () => {
      const { order, allergyWarnings } = unwrap(await c.nurse.api.orders.draftMedication({ patientId: c.patients.jonas, ...amoxicillin }));
      expect(order.status).toBe('draft');
      expect(allergyWarnings).toEqual([
        expect.objectContaining({ allergyId: penicillinId, allergen: 'Penicillin', match: 'class', drugClass: 'penicillin', severity: 'severe', reaction: 'Anaphylaxis' }),
      ]);
      const ampicillin = unwrap(await c.nurse.api.orders.checkAllergies({ patientId: c.patients.jonas, drug: 'Ampicillin' }));
      expect(ampicillin.map((w) => w.match)).toEqual(['class']);
    });

    it('matches the name ignoring case and diacritics, and the code', async () => {
      const byName = unwrap(await c.nurse.api.orders.checkAllergies({ patientId: c.patients.jonas, drug: 'CODEINE phosphate 30 mg' }));
      expect(byName).toEqual([expect.objectContaining({ allergen: 'Codéine', match: 'name' })]);
      const byCode = unwrap(await c.nurse.api.orders.checkAllergies({ patientId: c.patients.jonas, drug: 'Tylenol #3', drugCode: '2670' }));
      expect(byCode).toEqual([expect.objectContaining({ allergen: 'Codéine', match: 'code' })]);
      expect(unwrap(await c.nurse.api.orders.checkAllergies({ patientId: c.patients.jonas, drug: 'Paracetamol' }))).toEqual([]);
      expect(unwrap(await c.nurse.api.orders.checkAllergies({ patientId: c.patients.emilie, drug: 'Amoxicillin' }))).toEqual([]);
    });

    it('refuses to sign without an override reason, and signs with one (recorded and audited)', async () => {
      const { order } = unwrap(await c.nurse.api.orders.draftMedication({ patientId: c.patients.jonas, ...amoxicillin, drug: 'Ampicillin' }));
      const refused = await c.physician.api.orders.sign({ orderId: order.id, expectedVersion: 1 });
      expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', field: 'overrideAllergy' });
      expect(refused.ok ? '' : refused.error.message).toContain('Penicillin');
      const blankReason = await c.physician.api.orders.sign({ orderId: order.id, expectedVersion: 1, overrideAllergy: { reason: '' } });
      expect(errorOf(blankReason)?.code).toBe('VALIDATION');
      expect(errorOf(blankReason)?.field).toMatch(/^overrideAllergy/);

      const seqBefore = (tw.workstation.database.raw.prepare('SELECT max(seq) AS s FROM audit_events').get() as { s: number }).s;
      const signed = unwrap(await c.physician.api.orders.sign({ orderId: order.id, expectedVersion: 1, overrideAllergy: { reason: 'Tolerated ampicillin in 2024 without reaction' } }));
      expect(signed.order).toMatchObject({ status: 'active', allergyOverrideReason: 'Tolerated ampicillin in 2024 without reaction', signedByName: 'Dana Doctor' });
      expect(signed.allergyWarnings.map((w) => w.allergen)).toEqual(['Penicillin']);
      const row = tw.workstation.database.raw.prepare('SELECT action, patient_id, outcome, username FROM audit_events WHERE seq > ?').get(seqBefore);
      expect(row).toEqual({ action: 'orders.sign', patient_id: c.patients.jonas, outcome: 'ok', username: 'doc' });
    });

    it('an inactive allergy no longer warns', async () => {
      const allergy = unwrap(await c.nurse.api.allergies.list({ patientId: c.patients.jonas })).find((a) => a.id === penicillinId)!;
      unwrap(await c.nurse.api.allergies.update({ id: allergy.id, expectedVersion: allergy.version, status: 'entered-in-error' }));
      expect(unwrap(await c.nurse.api.orders.checkAllergies({ patientId: c.patients.jonas, drug: 'Amoxicillin' }))).toEqual([]);
    });
  });

  describe('lab orders', () => {
    it('assigns a readable, unique accession number per day, stored as the sample id', async () => {
      const first = unwrap(await c.nurse.api.orders.draftLab({ patientId: c.patients.emilie, testCode: '2345-7', testName: 'Glucose', specimen: 'serum' }));
      const second = unwrap(await c.nurse.api.orders.draftLab({ patientId: c.patients.emilie, testCode: '718-7', testName: 'Hemoglobin', specimen: 'blood', priority: 'stat' }));
      expect(first.lab).toEqual({ specimen: 'serum', priority: 'routine', accessionNumber: 'ACC-20260302-0001' });
      expect(second.lab).toEqual({ specimen: 'blood', priority: 'stat', accessionNumber: 'ACC-20260302-0002' });
      expect(first).toMatchObject({ kind: 'lab', codeSystem: 'http://loinc.org', code: '2345-7', display: 'Glucose', status: 'draft', medication: null, results: [] });
      const sample = tw.workstation.database.raw.prepare('SELECT sample_id FROM orders WHERE id = ?').get(first.id);
      expect(sample).toEqual({ sample_id: 'ACC-20260302-0001' });
    });

    it('takes a given accession number once among live orders', async () => {
      const given = unwrap(await c.nurse.api.orders.draftLab({ patientId: c.patients.jonas, testCode: '2160-0', testName: 'Creatinine', specimen: 'serum', accessionNumber: 'tube-778899' }));
      expect(given.lab?.accessionNumber).toBe('TUBE-778899');
      const clash = await c.nurse.api.orders.draftLab({ patientId: c.patients.emilie, testCode: '2160-0', testName: 'Creatinine', specimen: 'serum', accessionNumber: 'TUBE-778899' });
      expect(errorOf(clash)).toMatchObject({ code: 'CONFLICT', field: 'accessionNumber' });
      const bad = await c.nurse.api.orders.draftLab({ patientId: c.patients.emilie, testCode: '2160', testName: 'Creatinine', specimen: 'serum' });
      expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION', field: 'testCode' });
    });

    it('attaches an analyzer result sent with the accession as sample id, with flags and range, once accepted', async () => {
      const order = unwrap(await c.nurse.api.orders.draftLab({ patientId: c.patients.emilie, testCode: '2345-7', testName: 'Glucose', specimen: 'serum', priority: 'urgent' }));
      const accession = order.lab!.accessionNumber;
      unwrap(await c.physician.api.orders.sign({ orderId: order.id, expectedVersion: 1 }));

      analyzer.write(buildAstmSession([[
        'H|\\^&|||SimLab 9000^2.1|||||LIS||P|LIS2-A2|20260302091500',
        'P|1',
        `O|1|${accession}||^^^GLU|R|20260302091500|||||N||||Serum`,
        'R|1|^^^GLU|182|mg/dL|70-99|H||F||||20260302091500',
        'L|1|N',
      ]], { encoding: 'latin1' }));

      const reading = await until(
        async () => unwrap(await c.nurse.api.capture.pending({ patientId: c.patients.emilie })).find((r) => r.sampleId === accession),
        'the glucose reading',
      );
      expect(reading).toMatchObject({ orderId: order.id, patient: { id: c.patients.emilie }, value: '182', flags: ['high'], referenceRange: '70-99' });
      unwrap(await c.nurse.api.capture.accept({ readingIds: [reading.id] }));

      const listed = unwrap(await c.nurse.api.orders.list({ patientId: c.patients.emilie }));
      const withResult = listed.find((o) => o.id === order.id) as Order;
      expect(withResult.results).toEqual([
        expect.objectContaining({ code: '2345-7', value: '182', unit: 'mg/dL', referenceRange: '70-99', flags: ['high'], abnormal: true }),
      ]);
      const completed = unwrap(await c.nurse.api.orders.complete({ orderId: order.id, expectedVersion: 2 }));
      expect(completed).toMatchObject({ status: 'completed', results: [expect.objectContaining({ value: '182' })] });
      expect(audit('orders.list').at(-1)).toMatchObject({ patient_id: c.patients.emilie, outcome: 'ok' });
    });
  });

  it('gives the front desk no access to orders', async () => {
    for (const result of [
      await c.desk.api.orders.list({ patientId: c.patients.emilie }),
      await c.desk.api.orders.draftLab({ patientId: c.patients.emilie, testCode: '2345-7', testName: 'Glucose', specimen: 'serum' }),
      await c.desk.api.orders.draftMedication({ patientId: c.patients.emilie, ...amoxicillin }),
      await c.desk.api.orders.sign({ orderId: '1f000000-0000-4000-8000-00000000dead', expectedVersion: 1 }),
    ]) {
      expect(errorOf(result)?.code).toBe('FORBIDDEN');
    }
  });
});
