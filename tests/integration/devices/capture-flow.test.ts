import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapturedReading } from '../../../common/domain/captures';
import type { ApiClient } from '../../../common/rpc/client';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { buildOruMessage, frameMllp, type OruObservation } from '../../../main/devices/hl7/hl7-driver';
import { PipeTransportFactory, type PipeDevice } from '../../support/pipe-transport';
import { berlin, MONDAY, setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { recordEvents, type EventRecorder } from '../../support/transports';

const ROOM = '0b000000-0000-4000-8000-0000000000aa';
const MONITOR_PORT = 2575;

async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const vitals: OruObservation[] = [
  { valueType: 'NM', code: '150456', text: 'MDC_PULS_OXIM_SAT_O2', system: 'MDC', value: '97', unit: { code: '262688', text: 'MDC_DIM_PERCENT', system: 'MDC' } },
  { valueType: 'NM', code: '150344', text: 'MDC_TEMP', system: 'MDC', value: '37.0', unit: { code: '268192', text: 'MDC_DIM_DEGC', system: 'MDC' }, observedAt: '20260302085500+0100' },
];

function oru(controlId: string, patientMrn: string, observations: OruObservation[] = vitals): Uint8Array {
  return frameMllp(buildOruMessage({ controlId, timestamp: '20260302091500+0100', patient: { id: patientMrn }, observations }, { encoding: 'utf8' }));
}

/** The MSA segment of each ACK the device got, as "AA|ctl". */
function acks(device: PipeDevice): string[] {
  const text = Buffer.concat(device.received).toString('latin1');
  return [...text.matchAll(/MSA\|([A-Z]{2})\|([^|\r]*)/g)].map((m) => `${m[1]}|${m[2]}`);
}

describe('capture flow: device message -> journal -> ACK -> live reading -> chart', () => {
  let tw: TestWorkstation;
  let c: ScheduleClinic;
  let pipes: PipeTransportFactory;
  let monitor: PipeDevice;
  let deviceId: string;
  let encounterId: string;
  let nurseEvents: EventRecorder;
  let mrn: { emilie: string; jonas: string };

  const pending = (client: ApiClient = c.nurse) => client.api.capture.pending({ encounterId }).then(unwrap);
  const journalRows = () => tw.workstation.database.raw.prepare('SELECT seq, status, message_id FROM device_journal ORDER BY seq').all() as { seq: number; status: string }[];

  beforeAll(async () => {
    pipes = new PipeTransportFactory();
    tw = await startTestWorkstation({ devices: { factory: pipes, scanPorts: async () => ({ serial: [], usb: [], errors: [] }) } });
    c = await setUpScheduleClinic(tw);
    const db = tw.workstation.database.db;
    const org = (await new OrganizationRepository(db).current())!;
    await new OrganizationRepository(db).insertLocation({ id: ROOM, organizationId: org.id, parentId: null, name: 'Exam 2', kind: 'room', now: tw.clock.now().toISOString() });
    const rows = tw.workstation.database.raw.prepare('SELECT id, mrn FROM patients').all() as { id: string; mrn: string }[];
    const mrnOf = (id: string) => rows.find((r) => r.id === id)!.mrn;
    mrn = { emilie: mrnOf(c.patients.emilie), jonas: mrnOf(c.patients.jonas) };

    monitor = pipes.plug(`tcp:${MONITOR_PORT}`);
    const device = unwrap(await c.admin.api.devices.create({
      name: 'Bedside monitor', kind: 'vital_signs_monitor', protocol: 'hl7',
      transport: { type: 'tcp', listenPort: MONITOR_PORT, bindAddress: '127.0.0.1' }, locationId: ROOM,
    }));
    deviceId = device.id;
    await until(() => monitor.connected, 'the monitor connection');

    const appt = unwrap(await c.desk.api.schedule.book({ patientId: c.patients.emilie, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt: berlin(MONDAY, '09:20') }));
    unwrap(await c.desk.api.queue.checkIn({ appointmentId: appt.id }));
    unwrap(await c.desk.api.queue.moveToRoom({ appointmentId: appt.id, locationId: ROOM }));
    encounterId = (tw.workstation.database.raw.prepare('SELECT id FROM encounters WHERE appointment_id = ?').get(appt.id) as { id: string }).id;
    nurseEvents = recordEvents(tw, c.nurse);
  });

  afterAll(async () => {
    nurseEvents?.stop();
    await tw?.close();
  });

  it('journals a message before acknowledging it, then shows its readings live in the encounter in the room', async () => {
    monitor.write(oru('CTL-1', mrn.emilie));
    await until(() => acks(monitor).length === 1, 'the ACK');
    // By the time the device holds its ACK, the message is in the journal.
    expect(journalRows()).toHaveLength(1);
    expect(acks(monitor)).toEqual(['AA|CTL-1']);

    const event = await nurseEvents.waitFor((e) => e.name === 'capture.reading');
    expect(event.payload).toMatchObject({ reading: { encounterId, status: 'pending' } });

    const list = await pending();
    const byLoinc = new Map(list.map((r) => [r.loinc, r]));
    expect(byLoinc.get('59408-5')).toMatchObject({ value: '97', ucum: '%', valid: true, patientConflict: false, patient: { id: c.patients.emilie } });
    expect(byLoinc.get('8310-5')).toMatchObject({ value: '37.0', ucum: 'Cel', deviceName: 'Bedside monitor' });
    expect(journalRows()[0]).toMatchObject({ status: 'processed' });
  });

  it('stores a resent message once and acknowledges it again', async () => {
    monitor.write(oru('CTL-1', mrn.emilie));
    await until(() => acks(monitor).length === 2, 'the second ACK');
    expect(acks(monitor)[1]).toBe('AA|CTL-1');
    expect(journalRows()).toHaveLength(1);
    expect(await pending()).toHaveLength(2);
  });

  it('a newer reading of the same measurement replaces the one still waiting', async () => {
    monitor.write(oru('CTL-2', mrn.emilie, [{ ...vitals[0]!, value: '95' }]));
    await until(async () => (await pending()).some((r) => r.value === '95'), 'the newer SpO2');
    const spo2 = (await pending()).filter((r) => r.loinc === '59408-5');
    expect(spo2.map((r) => r.value)).toEqual(['95']);
  });

  it('refuses to chart an invalid reading and charts nothing of the batch', async () => {
    monitor.write(oru('CTL-3', mrn.emilie, [{ valueType: 'NM', code: '149530', text: 'MDC_PULS_OXIM_PULS_RATE', system: 'MDC', value: '', unit: { code: '264864', text: 'MDC_DIM_BEAT_PER_MIN', system: 'MDC' } }]));
    const invalid = await until(async () => (await pending()).find((r) => r.loinc === '8867-4'), 'the pulse reading');
    expect(invalid.valid).toBe(false);
    const temp = (await pending()).find((r) => r.loinc === '8310-5')!;
    const refused = await c.nurse.api.capture.accept({ readingIds: [temp.id, invalid.id] });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'READING_INVALID', field: 'readingIds.1' });
    expect(unwrap(await c.nurse.api.observations.list({ patientId: c.patients.emilie }))).toHaveLength(0);
    expect((await pending()).find((r) => r.id === temp.id)?.status).toBe('pending');
    unwrap(await c.nurse.api.capture.reject({ readingIds: [invalid.id], reason: 'no pulse signal' }));
  });

  it('charts accepted readings as observations at their measured precision, with the device and the nurse', async () => {
    const valid = (await pending()).filter((r) => r.valid);
    const result = unwrap(await c.nurse.api.capture.accept({ readingIds: valid.map((r) => r.id) }));
    expect(result.accepted.every((r) => r.status === 'accepted')).toBe(true);
    const charted = unwrap(await c.nurse.api.observations.list({ patientId: c.patients.emilie }));
    const temp = charted.find((o) => o.code === '8310-5')!;
    expect(temp).toMatchObject({ codeSystem: 'http://loinc.org', value: '37.0', unit: 'Cel', source: 'device', deviceId, deviceName: 'Bedside monitor', encounterId });
    // Measured five minutes before it arrived (the workstation's clock is at 08:00Z).
    expect(temp.observedAt).toBe('2026-03-02T07:55:00.000Z');
    expect(await pending()).toHaveLength(0);
    const again = await c.nurse.api.capture.accept({ readingIds: [valid[0]!.id] });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
  });

  it('a message naming another patient than the encounter needs an explicit choice', async () => {
    monitor.write(oru('CTL-4', mrn.jonas, [vitals[0]!]));
    const reading = await until(async () => (await pending()).find((r) => r.patientConflict), 'the conflicting reading');
    expect(reading).toMatchObject({ patient: { id: c.patients.emilie }, messagePatient: { id: c.patients.jonas }, messagePatientId: mrn.jonas });
    const refused = await c.nurse.api.capture.accept({ readingIds: [reading.id] });
    expect(refused.ok ? null : refused.error.code).toBe('PATIENT_CONFLICT');
    const someoneElse = await c.nurse.api.capture.accept({ readingIds: [reading.id], patientId: c.patients.inactive });
    expect(someoneElse.ok ? null : someoneElse.error.code).toBe('VALIDATION');
    unwrap(await c.nurse.api.capture.accept({ readingIds: [reading.id], patientId: c.patients.jonas }));
    const jonas = unwrap(await c.nurse.api.observations.list({ patientId: c.patients.jonas }));
    expect(jonas.map((o) => o.value)).toEqual(['97']);
  });

  it('front desk cannot see or decide readings; admins cannot chart', async () => {
    const desk = await c.desk.api.capture.pending({});
    expect(desk.ok ? null : desk.error.code).toBe('FORBIDDEN');
    const admin = await c.admin.api.capture.accept({ readingIds: ['4d000000-0000-4000-8000-00000000dead'] });
    expect(admin.ok ? null : admin.error.code).toBe('FORBIDDEN');
  });

  it('shows the device in error after an unplug and reconnects when it is back', async () => {
    monitor.unplug();
    const errored = await nurseEvents.waitFor((e) => e.name === 'devices.status' && (e.payload as { state: string }).state === 'error');
    expect(errored.payload).toMatchObject({ deviceId, reason: 'device unplugged', reconnectAttempt: 1 });
    monitor = pipes.plug(`tcp:${MONITOR_PORT}`);
    await until(() => monitor.connected, 'the reconnection', 10_000);
    const status = unwrap(await c.admin.api.devices.list({})).find((d) => d.id === deviceId)!.status;
    expect(['connected', 'receiving']).toContain(status.state);
    monitor.write(oru('CTL-5', mrn.emilie, [vitals[1]!]));
    await until(() => acks(monitor).includes('AA|CTL-5'), 'the ACK after reconnecting');
  });

  it('lists the journal for admins with the decoded message', async () => {
    const page = unwrap(await c.admin.api.devices.journal({ deviceId }));
    expect(page.entries[0]).toMatchObject({ deviceName: 'Bedside monitor', protocol: 'hl7', status: 'processed' });
    const detail = unwrap(await c.admin.api.devices.journalEntry({ seq: page.entries.at(-1)!.seq }));
    expect(detail.text).toContain('MSH|');
    expect((detail.decoded as { messageId: string }).messageId).toBe('CTL-1');
    const nurse = await c.nurse.api.devices.journal({});
    expect(nurse.ok ? null : nurse.error.code).toBe('FORBIDDEN');
  });
});

export type { CapturedReading };
