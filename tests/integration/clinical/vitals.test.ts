import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { checkedInEncounter, setUpClinicalClinic, type ClinicalClinic } from './clinical-fixtures';

const AT = '2026-03-02T07:55:00.000Z';

describe('vitals by hand: plausible, in the right unit, kept at their precision, all or nothing', () => {
  let tw: TestWorkstation;
  let c: ClinicalClinic;
  let encounterId: string;

  const stored = () => (tw.workstation.database.raw.prepare("SELECT count(*) AS n FROM observations WHERE source = 'manual'").get() as { n: number }).n;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpClinicalClinic(tw);
    ({ encounterId } = await checkedInEncounter(tw, c, c.patients.emilie, '09:20'));
  });
  afterAll(async () => {
    await tw?.close();
  });

  it('charts manual vitals as LOINC observations by the nurse, keeping "37.0" as typed', async () => {
    const charted = unwrap(
      await c.nurse.api.vitals.record({
        encounterId,
        vitals: [
          { measure: 'bodyTemperature', value: '37.0', unit: 'Cel', observedAt: AT },
          { measure: 'systolic', value: '128', unit: 'mm[Hg]', observedAt: AT },
          { measure: 'diastolic', value: '82', unit: 'mm[Hg]', observedAt: AT },
          { measure: 'heartRate', value: '72', unit: '/min', observedAt: AT },
        ],
      }),
    );
    expect(charted).toHaveLength(4);
    const nurseId = unwrap(await c.nurse.api.auth.currentSession({})).user.id;

    const listed = unwrap(await c.doctor.api.observations.list({ patientId: c.patients.emilie, encounterId }));
    const temp = listed.find((o) => o.code === '8310-5');
    expect(temp).toMatchObject({ value: '37.0', unit: 'Cel', source: 'manual', codeSystem: 'http://loinc.org', display: 'Body temperature', performerId: nurseId, encounterId, status: 'final', deviceId: null });
    expect(listed.filter((o) => o.source === 'manual').map((o) => o.code).sort()).toEqual(['8310-5', '8462-4', '8480-6', '8867-4']);
    const audit = tw.workstation.database.raw.prepare("SELECT patient_id FROM audit_events WHERE action = 'vitals.record' AND outcome = 'ok'").get();
    expect(audit).toEqual({ patient_id: c.patients.emilie });
  });

  it('stores an alternate unit as entered and checks it against the range converted', async () => {
    const charted = unwrap(
      await c.nurse.api.vitals.record({
        encounterId,
        vitals: [
          { measure: 'bodyTemperature', value: '98.6', unit: '[degF]', observedAt: AT },
          { measure: 'bodyWeight', value: '154.0', unit: '[lb_av]', observedAt: AT },
          { measure: 'bodyHeight', value: '175', unit: 'cm', observedAt: AT },
        ],
      }),
    );
    expect(charted.map((o) => [o.code, o.value, o.unit])).toEqual([
      ['8310-5', '98.6', '[degF]'],
      ['29463-7', '154.0', '[lb_av]'],
      ['8302-2', '175', 'cm'],
      // BMI from 69.9 kg and 1.75 m.
      ['39156-5', '22.8', 'kg/m2'],
    ]);
    const refused = await c.nurse.api.vitals.record({ encounterId, vitals: [{ measure: 'bodyTemperature', value: '37.0', unit: '[degF]', observedAt: AT }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'vitals.0.value', message: expect.stringContaining('86–113 °F') } });
  });

  it('refuses an implausible value with its field path and the range, and stores nothing of the batch', async () => {
    const before = stored();
    const refused = await c.nurse.api.vitals.record({
      encounterId,
      vitals: [
        { measure: 'heartRate', value: '80', unit: '/min', observedAt: AT },
        { measure: 'bodyTemperature', value: '73.0', unit: 'Cel', observedAt: AT },
      ],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'vitals.1.value', message: 'Body temperature of 73.0 °C is not plausible (expected 30–45 °C)' },
    });
    expect(stored()).toBe(before);
  });

  it('refuses a unit that does not fit the measure and a value that is not a decimal', async () => {
    expect(await c.nurse.api.vitals.record({ encounterId, vitals: [{ measure: 'heartRate', value: '80', unit: 'mm[Hg]', observedAt: AT }] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'vitals.0.unit' },
    });
    expect(await c.nurse.api.vitals.record({ encounterId, vitals: [{ measure: 'heartRate', value: '8e1', unit: '/min', observedAt: AT }] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'vitals.0.value' },
    });
  });

  it('refuses a systolic pressure not above the diastolic one', async () => {
    const before = stored();
    const refused = await c.nurse.api.vitals.record({
      encounterId,
      vitals: [
        { measure: 'systolic', value: '80', unit: 'mm[Hg]', observedAt: AT },
        { measure: 'diastolic', value: '80', unit: 'mm[Hg]', observedAt: AT },
      ],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'vitals.0.value', message: expect.stringContaining('higher than diastolic') } });
    expect(stored()).toBe(before);
  });

  it('refuses a measurement in the future, an unknown encounter, and the front desk', async () => {
    const later = new Date(tw.clock.now().getTime() + 60 * 60_000).toISOString();
    expect(await c.nurse.api.vitals.record({ encounterId, vitals: [{ measure: 'heartRate', value: '80', unit: '/min', observedAt: later }] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'vitals.0.observedAt' },
    });
    const unknown = '4b000000-0000-4000-8000-00000000beef';
    expect(await c.nurse.api.vitals.record({ encounterId: unknown, vitals: [{ measure: 'heartRate', value: '80', unit: '/min', observedAt: AT }] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'encounterId' },
    });
    expect(await c.desk.api.vitals.record({ encounterId, vitals: [{ measure: 'heartRate', value: '80', unit: '/min', observedAt: AT }] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
