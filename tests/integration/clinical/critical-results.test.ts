import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CriticalAlert } from '../../../common/domain/critical-results';
import { DEFAULT_CRITICAL_RANGES } from '../../../common/domain/critical-results';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { buildOruMessage, frameMllp, type OruObservation } from '../../../main/devices/hl7/hl7-driver';
import { PipeTransportFactory, type PipeDevice } from '../../support/pipe-transport';
import { berlin, MONDAY } from '../../support/schedule-fixtures';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { recordEvents, type EventRecorder } from '../../support/transports';
import { setUpClinicalClinic, type ClinicalClinic } from './clinical-fixtures';

const ROOM = '0b000000-0000-4000-8000-0000000000cc';
const MONITOR_PORT = 2576;
const AT = '2026-03-02T07:55:00.000Z';

async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pulse = (value: string, abnormalFlags: string[]): OruObservation => ({
  valueType: 'NM', code: '149530', text: 'MDC_PULS_OXIM_PULS_RATE', system: 'MDC', value, unit: { code: '264864', text: 'MDC_DIM_BEAT_PER_MIN', system: 'MDC' }, abnormalFlags,
});

function oru(controlId: string, patientMrn: string, observations: OruObservation[]): Uint8Array {
  return frameMllp(buildOruMessage({ controlId, timestamp: '20260302091000+0100', patient: { id: patientMrn }, observations }, { encoding: 'utf8' }));
}

describe('critical results: raised on arrival, shown to the responsible physician, acknowledged and audited', () => {
  let tw: TestWorkstation;
  let c: ClinicalClinic;
  let monitor: PipeDevice;
  let roomEncounter: string;
  let doctorEvents: EventRecorder;
  let mrnEmilie: string;

  const alertsIn = (raw = tw.workstation.database.raw) => raw.prepare('SELECT id, reason, responsible_user_id, observation_id, device_reading_id FROM critical_alerts ORDER BY raised_at, id').all() as {
    id: string; reason: string; responsible_user_id: string | null; observation_id: string | null; device_reading_id: string | null;
  }[];
  const openFor = async (client = c.doctor): Promise<CriticalAlert[]> => unwrap(await client.api.criticalResults.open({ scope: 'mine' }));

  beforeAll(async () => {
    const pipes = new PipeTransportFactory();
    tw = await startTestWorkstation({ devices: { factory: pipes, scanPorts: async () => ({ serial: [], usb: [], errors: [] }) } });
    c = await setUpClinicalClinic(tw);
    const db = tw.workstation.database.db;
    // Maria's provider record belongs to the physician account maria.doc: her encounters' results are hers.
    await db.updateTable('providers').set({ user_id: c.doctorId }).where('id', '=', c.providers.maria).execute();
    const org = (await new OrganizationRepository(db).current())!;
    await new OrganizationRepository(db).insertLocation({ id: ROOM, organizationId: org.id, parentId: null, name: 'Exam 3', kind: 'room', now: tw.clock.now().toISOString() });
    mrnEmilie = (tw.workstation.database.raw.prepare('SELECT mrn FROM patients WHERE id = ?').get(c.patients.emilie) as { mrn: string }).mrn;

    monitor = pipes.plug(`tcp:${MONITOR_PORT}`);
    unwrap(await c.admin.api.devices.create({
      name: 'Bedside monitor', kind: 'vital_signs_monitor', protocol: 'hl7',
      transport: { type: 'tcp', listenPort: MONITOR_PORT, bindAddress: '127.0.0.1' }, locationId: ROOM,
    }));
    await until(() => monitor.connected, 'the monitor connection');
    const appt = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt: berlin(MONDAY, '09:20') }));
    unwrap(await c.desk.api.queue.checkIn({ appointmentId: appt.id }));
    unwrap(await c.desk.api.queue.moveToRoom({ appointmentId: appt.id, locationId: ROOM }));
    roomEncounter = (tw.workstation.database.raw.prepare('SELECT id FROM encounters WHERE appointment_id = ?').get(appt.id) as { id: string }).id;
    doctorEvents = recordEvents(tw, c.doctor);
  });

  afterAll(async () => {
    doctorEvents?.stop();
    await tw?.close();
  });

  it('a device reading flagged HH raises one alert for the encounter provider’s physician, pushed to their window', async () => {
    monitor.write(oru('CRIT-1', mrnEmilie, [pulse('190', ['HH'])]));
    const event = await doctorEvents.waitFor((e) => e.name === 'clinical.criticalAlert');
    expect(event.payload).toMatchObject({
      alert: { patient: { id: c.patients.emilie }, encounterId: roomEncounter, code: '8867-4', value: '190', unit: '/min', reason: 'flagged HH', responsibleUserId: c.doctorId, flags: ['critical-high'] },
    });
    const mine = await openFor();
    expect(mine.map((a) => a.reason)).toEqual(['flagged HH']);
    // Assigned to maria.doc: not in the other physician's list, though in everyone's.
    expect(await openFor(c.otherDoctor)).toEqual([]);
    expect(unwrap(await c.nurse.api.criticalResults.open({ scope: 'all' }))).toHaveLength(1);
  });

  it('accepting the reading into the chart links the alert to the observation instead of raising another', async () => {
    const reading = (unwrap(await c.nurse.api.capture.pending({ encounterId: roomEncounter }))).find((r) => r.loinc === '8867-4')!;
    const accepted = unwrap(await c.nurse.api.capture.accept({ readingIds: [reading.id] }));
    const rows = alertsIn();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ device_reading_id: reading.id, observation_id: accepted.observationIds[0] });
  });

  it('a vital charted by hand outside the critical range raises one; a normal value does not', async () => {
    const before = alertsIn().length;
    unwrap(await c.nurse.api.vitals.record({ encounterId: roomEncounter, vitals: [{ measure: 'bodyTemperature', value: '37.0', unit: 'Cel', observedAt: AT }] }));
    expect(alertsIn()).toHaveLength(before);
    unwrap(await c.nurse.api.vitals.record({ encounterId: roomEncounter, vitals: [{ measure: 'oxygenSaturation', value: '80', unit: '%', observedAt: AT }] }));
    const rows = alertsIn();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ reason: 'below critical low 85 %', responsible_user_id: c.doctorId, device_reading_id: null });
  });

  it('the configured critical range decides: a heart rate of 120 is critical only once the clinic says so', async () => {
    expect(unwrap(await c.doctor.api.criticalResults.ranges({}))).toEqual(DEFAULT_CRITICAL_RANGES);
    const before = alertsIn().length;
    unwrap(await c.nurse.api.vitals.record({ encounterId: roomEncounter, vitals: [{ measure: 'heartRate', value: '120', unit: '/min', observedAt: AT }] }));
    expect(alertsIn()).toHaveLength(before);

    expect(await c.doctor.api.criticalResults.setRanges({ ranges: [] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await c.admin.api.criticalResults.setRanges({ ranges: [{ loinc: '8867-4', display: 'Heart rate', unit: '/min', low: 100, high: 50 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const ranges = DEFAULT_CRITICAL_RANGES.map((r) => (r.loinc === '8867-4' ? { ...r, high: 110 } : r));
    unwrap(await c.admin.api.criticalResults.setRanges({ ranges }));
    unwrap(await c.nurse.api.vitals.record({ encounterId: roomEncounter, vitals: [{ measure: 'heartRate', value: '120', unit: '/min', observedAt: AT }] }));
    expect(alertsIn().at(-1)).toMatchObject({ reason: 'above critical high 110 /min' });
    unwrap(await c.admin.api.criticalResults.setRanges({ ranges: DEFAULT_CRITICAL_RANGES.map((r) => ({ ...r })) }));
  });

  it('only the responsible physician acknowledges; the acknowledgement is audited with the patient and the list shrinks', async () => {
    const [first, ...rest] = await openFor();
    const openBefore = 1 + rest.length;
    expect(openBefore).toBe(3);

    expect(await c.otherDoctor.api.criticalResults.acknowledge({ alertId: first!.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.nurse.api.criticalResults.acknowledge({ alertId: first!.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.desk.api.criticalResults.open({})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const seqBefore = (tw.workstation.database.raw.prepare('SELECT max(seq) AS s FROM audit_events').get() as { s: number }).s;
    const done = unwrap(await c.doctor.api.criticalResults.acknowledge({ alertId: first!.id, note: 'Repeated manually: 88/min' }));
    expect(done).toMatchObject({ acknowledgedBy: c.doctorId, acknowledgementNote: 'Repeated manually: 88/min' });
    expect(tw.workstation.database.raw.prepare('SELECT action, patient_id, outcome, username FROM audit_events WHERE seq > ?').all(seqBefore)).toEqual([
      { action: 'criticalResults.acknowledge', patient_id: c.patients.emilie, outcome: 'ok', username: 'maria.doc' },
    ]);
    expect(await openFor()).toHaveLength(openBefore - 1);
    expect(await c.doctor.api.criticalResults.acknowledge({ alertId: first!.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The denied attempts are in the audit log too, naming the patient.
    const denied = tw.workstation.database.raw.prepare(`SELECT patient_id FROM audit_events WHERE action = 'criticalResults.acknowledge' AND outcome = 'denied'`).all();
    expect(denied).toContainEqual({ patient_id: c.patients.emilie });
  });

  it('an alert with no responsible physician goes to every physician, and any of them acknowledges it', async () => {
    const appt = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.jonas, providerId: c.providers.omar, typeId: c.types.checkup.id, startsAt: berlin(MONDAY, '10:00') }));
    unwrap(await c.desk.api.queue.checkIn({ appointmentId: appt.id }));
    const encounterId = (tw.workstation.database.raw.prepare('SELECT id FROM encounters WHERE appointment_id = ?').get(appt.id) as { id: string }).id;
    unwrap(await c.nurse.api.vitals.record({ encounterId, vitals: [{ measure: 'systolic', value: '230', unit: 'mm[Hg]', observedAt: AT }, { measure: 'diastolic', value: '110', unit: 'mm[Hg]', observedAt: AT }] }));
    const unassigned = (await openFor(c.otherDoctor)).find((a) => a.patient.id === c.patients.jonas)!;
    expect(unassigned).toMatchObject({ responsibleUserId: null, reason: 'above critical high 220 mm[Hg]', display: 'Systolic blood pressure' });
    expect((await openFor()).map((a) => a.id)).toContain(unassigned.id);
    unwrap(await c.otherDoctor.api.criticalResults.acknowledge({ alertId: unassigned.id }));
    expect((await openFor()).map((a) => a.id)).not.toContain(unassigned.id);
  });
});

