import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTimeline, FLOWSHEET_MAX_POINTS, type TimelineEntry } from '../../../common/domain/chart';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { checkedInEncounter, setUpClinicalClinic, type ClinicalClinic } from './clinical-fixtures';

const MINUTE = 60_000;
const HEART_RATE = '8867-4';
const TEMPERATURE = '8310-5';

describe('patient chart: summary, timeline and flowsheet', () => {
  let tw: TestWorkstation;
  let c: ClinicalClinic;
  let encounterId: string;
  let all: TimelineEntry[];
  let labOrderId: string;

  const emilie = () => c.patients.emilie;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpClinicalClinic(tw);
    ({ encounterId } = await checkedInEncounter(tw, c, emilie(), '09:20'));
    // Several things happen at the same clock time (ties broken by key), others a minute apart.
    unwrap(await c.nurse.api.vitals.record({
      encounterId,
      vitals: [
        { measure: 'bodyTemperature', value: '37.0', unit: 'Cel', observedAt: '2026-03-02T07:50:00.000Z' },
        { measure: 'heartRate', value: '72', unit: '/min', observedAt: '2026-03-02T07:50:00.000Z' },
      ],
    }));
    unwrap(await c.nurse.api.vitals.record({
      encounterId,
      vitals: [{ measure: 'bodyTemperature', value: '38.4', unit: 'Cel', observedAt: '2026-03-02T07:58:00.000Z' }],
    }));
    tw.clock.advance(MINUTE);
    unwrap(await c.nurse.api.allergies.record({ patientId: emilie(), allergen: 'Penicillin', reaction: 'Hives', severity: 'moderate' }));
    unwrap(await c.nurse.api.problems.record({ patientId: emilie(), encounterId, condition: 'Hypertension' }));
    tw.clock.advance(MINUTE);
    const { order } = unwrap(await c.nurse.api.orders.draftMedication({
      patientId: emilie(), encounterId, drug: 'Lisinopril', dose: 10, doseUnit: 'mg', route: 'oral', frequency: 'daily',
    }));
    unwrap(await c.doctor.api.orders.sign({ orderId: order.id, expectedVersion: order.version }));
    unwrap(await c.nurse.api.medications.record({ patientId: emilie(), drug: 'Metformin', dose: '500', unit: 'mg' }));
    const lab = unwrap(await c.nurse.api.orders.draftLab({ patientId: emilie(), encounterId, testCode: '4548-4', testName: 'HbA1c', specimen: 'blood' }));
    // An analyzer's result for the lab order, as capture charts it.
    tw.workstation.database.raw.prepare(`
      INSERT INTO observations (id, patient_id, encounter_id, order_id, code_system, code, display, value_text, value_numeric, unit,
                                observed_at, status, source, reference_range, interpretation, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'http://loinc.org', '4548-4', 'HbA1c', '7.2', 7.2, '%', '2026-03-02T08:01:30.000Z', 'final', 'device', '4.0-5.6', '["H"]', ?, ?)`)
      .run(tw.workstation.ids.uuid(), emilie(), encounterId, lab.id, '2026-03-02T08:01:30.000Z', '2026-03-02T08:01:30.000Z');
    labOrderId = lab.id;
    tw.clock.advance(MINUTE);
    unwrap(await c.nurse.api.carePlans.save({
      patientId: emilie(), encounterId, title: 'Blood pressure control',
      activities: [{ description: 'Home BP diary', dueDate: '2026-03-01' }, { description: 'Review in 4 weeks', dueDate: '2026-03-30' }],
    }));
    unwrap(await c.doctor.api.notes.saveDraft({ encounterId, subjective: 'Headache', assessment: 'Uncontrolled hypertension' }));
    all = [];
    let after: { time: string; key: string } | undefined;
    for (;;) {
      const page = unwrap(await c.doctor.api.chart.timeline({ patientId: emilie(), limit: 200, ...(after ? { after } : {}) }));
      all.push(...page.entries);
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
  });
  afterAll(async () => {
    await tw?.close();
  });

  it('mixes every kind in one timeline, newest first', () => {
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['encounter', 'vitals', 'order', 'result', 'plan', 'note', 'problem', 'allergy']));
    expect([...all].sort(compareTimeline)).toEqual(all);
    expect(all.at(-1)).toMatchObject({ kind: 'vitals', time: '2026-03-02T07:50:00.000Z', title: 'Vital signs', links: { encounterId } });
    expect(all.at(-1)!.summary).toContain('Body temperature 37.0 Cel');
    const order = all.find((e) => e.kind === 'order' && e.title === 'Lisinopril');
    expect(order).toMatchObject({ title: 'Lisinopril', status: 'active', links: { encounterId } });
    expect(order!.links.orderId).toBeTruthy();
    expect(all.find((e) => e.kind === 'result')).toMatchObject({ title: 'Result', summary: 'HbA1c 7.2 %', links: { orderId: labOrderId } });
    expect(all.find((e) => e.kind === 'note')).toMatchObject({ status: 'draft', summary: 'Uncontrolled hypertension' });
  });

  it('filters by kind and by date range', async () => {
    const vitals = unwrap(await c.nurse.api.chart.timeline({ patientId: emilie(), kinds: ['vitals'] }));
    expect(vitals.entries.map((e) => e.time)).toEqual(['2026-03-02T07:58:00.000Z', '2026-03-02T07:50:00.000Z']);
    const some = unwrap(await c.nurse.api.chart.timeline({ patientId: emilie(), kinds: ['problem', 'allergy'] }));
    expect(some.entries.map((e) => e.title).sort()).toEqual(['Hypertension', 'Penicillin']);
    const ranged = unwrap(await c.nurse.api.chart.timeline({ patientId: emilie(), from: '2026-03-02T07:55:00.000Z', to: '2026-03-02T08:00:30.000Z' }));
    expect(ranged.entries.every((e) => e.time >= '2026-03-02T07:55:00.000Z' && e.time <= '2026-03-02T08:00:30.000Z')).toBe(true);
    expect(ranged.entries.map((e) => e.kind)).toContain('vitals');
    const backwards = await c.nurse.api.chart.timeline({ patientId: emilie(), from: '2026-03-03T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
    expect(backwards.ok ? null : backwards.error).toMatchObject({ code: 'VALIDATION', field: 'from' });
  });

  it('pages with a stable cursor: same entries, none skipped or repeated, even after newer ones arrive', async () => {
    const first = unwrap(await c.doctor.api.chart.timeline({ patientId: emilie(), limit: 3 }));
    expect(first.entries).toEqual(all.slice(0, 3));
    // A newer entry after the first page must not shift the following pages.
    tw.clock.advance(MINUTE);
    unwrap(await c.nurse.api.problems.record({ patientId: emilie(), condition: 'Asthma' }));
    const paged = [...first.entries];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = unwrap(await c.doctor.api.chart.timeline({ patientId: emilie(), limit: 3, after: cursor }));
      expect(page.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.entries);
      cursor = page.nextCursor;
    }
    expect(paged.map((e) => e.key)).toEqual(all.map((e) => e.key));
  });

  it('gives the flowsheet values exactly as measured, oldest first, with the plausible range', async () => {
    const { series } = unwrap(await c.nurse.api.chart.flowsheet({ patientId: emilie() }));
    const temperature = series.find((s) => s.code === TEMPERATURE)!;
    expect(temperature).toMatchObject({ display: 'Body temperature', unit: 'Cel', plausible: { min: 30, max: 45 }, total: 2, downsampled: false });
    expect(temperature.points.map((p) => [p.time, p.value, p.numeric, p.unit, p.source])).toEqual([
      ['2026-03-02T07:50:00.000Z', '37.0', 37, 'Cel', 'manual'],
      ['2026-03-02T07:58:00.000Z', '38.4', 38.4, 'Cel', 'manual'],
    ]);
    expect(series.find((s) => s.code === '8480-6')).toMatchObject({ total: 0, points: [] });
    const one = unwrap(await c.nurse.api.chart.flowsheet({ patientId: emilie(), measures: [HEART_RATE], from: '2026-03-02T07:55:00.000Z' }));
    expect(one.series).toHaveLength(1);
    expect(one.series[0]).toMatchObject({ code: HEART_RATE, total: 0 });
  });

  it('downsamples a long series to the cap, keeping each bucket’s lowest, highest and last value', async () => {
    const raw = tw.workstation.database.raw;
    const insert = raw.prepare(`
      INSERT INTO observations (id, patient_id, code_system, code, display, value_text, value_numeric, unit, observed_at, status, source, created_at, updated_at)
      VALUES (?, ?, 'http://loinc.org', ?, 'Heart rate', ?, ?, '/min', ?, 'final', 'device', ?, ?)`);
    const start = Date.parse('2025-03-02T00:00:00.000Z');
    const n = 3000;
    raw.transaction(() => {
      for (let i = 0; i < n; i++) {
        const value = i === 1234 ? 181 : i === 2345 ? 31 : 60 + (i % 20);
        const at = new Date(start + i * 10 * MINUTE).toISOString();
        insert.run(tw.workstation.ids.uuid(), c.patients.jonas, HEART_RATE, String(value), value, at, at, at);
      }
    })();
    const { series } = unwrap(await c.doctor.api.chart.flowsheet({ patientId: c.patients.jonas, measures: [HEART_RATE] }));
    const hr = series[0]!;
    expect(hr).toMatchObject({ total: n, downsampled: true });
    expect(hr.points.length).toBeLessThanOrEqual(FLOWSHEET_MAX_POINTS);
    const values = hr.points.map((p) => p.numeric);
    expect(Math.max(...(values as number[]))).toBe(181);
    expect(Math.min(...(values as number[]))).toBe(31);
    expect(hr.points.at(-1)!.time).toBe(new Date(start + (n - 1) * 10 * MINUTE).toISOString());
    expect(hr.points.map((p) => p.time)).toEqual(hr.points.map((p) => p.time).sort());
  });

  it('summarises the chart header in one call', async () => {
    const summary = unwrap(await c.doctor.api.chart.summary({ patientId: emilie() }));
    expect(summary.activeProblems.map((p) => p.condition).sort()).toEqual(['Asthma', 'Hypertension']);
    expect(summary.activeAllergies).toMatchObject([{ allergen: 'Penicillin', reaction: 'Hives', severity: 'moderate' }]);
    expect(summary.currentMedications.map((m) => `${m.source}:${m.drug}:${m.dose}`).sort()).toEqual(['order:Lisinopril:10 mg daily', 'statement:Metformin:500 mg']);
    expect(summary.latestVitals.find((v) => v.code === TEMPERATURE)).toMatchObject({ value: '38.4', unit: 'Cel', time: '2026-03-02T07:58:00.000Z' });
    expect(summary.latestVitals.find((v) => v.code === HEART_RATE)).toMatchObject({ value: '72' });
    expect(summary.openOrders).toBeGreaterThanOrEqual(1);
    expect(summary).toMatchObject({ openActivities: 2, overdueActivities: 1, lastEncounter: { id: encounterId } });
  });

  it('answers NOT_FOUND for an unknown patient and FORBIDDEN to the front desk; reads are audited with the patient', async () => {
    const missing = await c.doctor.api.chart.summary({ patientId: '0d000000-0000-4000-8000-00000000dead' });
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'NOT_FOUND', field: 'patientId' });
    for (const result of [
      await c.desk.api.chart.summary({ patientId: emilie() }),
      await c.desk.api.chart.timeline({ patientId: emilie() }),
      await c.desk.api.chart.flowsheet({ patientId: emilie() }),
    ]) expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
    const audit = tw.workstation.database.raw.prepare("SELECT DISTINCT patient_id FROM audit_events WHERE action LIKE 'chart.%' AND outcome = 'ok'").all();
    expect(audit).toEqual([{ patient_id: emilie() }, { patient_id: c.patients.jonas }]);
  });
});
