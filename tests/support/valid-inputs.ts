import type { MethodInput, MethodName } from '../../common/contract';
import { DEFAULT_CRITICAL_RANGES } from '../../common/domain/critical-results';

/** The account the valid inputs act on: another user, never the caller. */
export interface InputTarget {
  id: string;
  username: string;
  password: string;
  /** A registered patient the patient methods act on; without one they answer NOT_FOUND. */
  patient?: { id: string; version: number };
}

/** No patient has this id: patient methods without a target patient answer NOT_FOUND. */
const NO_PATIENT = '0d000000-0000-4000-8000-00000000dead';

let unique = 0;

/** Scheduling inputs name rows that do not exist: the handler answers NOT_FOUND and changes nothing. */
const NO_PROVIDER = '1a000000-0000-4000-8000-00000000dead';
const NO_SCHEDULE_ROW = '3b000000-0000-4000-8000-00000000dead';

/** Device and capture inputs name rows that do not exist, or a serial port that is not there. */
const NO_DEVICE = '4a000000-0000-4000-8000-00000000dead';
const NO_ENCOUNTER = '4b000000-0000-4000-8000-00000000dead';
const NO_LOCATION = '4c000000-0000-4000-8000-00000000dead';
const NO_READING = '4d000000-0000-4000-8000-00000000dead';
/** No problem, medication, care plan or activity has this id. */
const NO_CARE_ROW = '5c000000-0000-4000-8000-00000000dead';
const NO_ORDER = '1f000000-0000-4000-8000-00000000dead';
const NO_NOTE = '4e000000-0000-4000-8000-00000000dead';
const NO_ALERT = '4f000000-0000-4000-8000-00000000dead';
const MISSING_SERIAL_DEVICE = {
  name: 'Test oximeter',
  kind: 'pulse_oximeter',
  protocol: 'nonin',
  transport: { type: 'serial', path: '/dev/aipc-no-such-port', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
} as const;

/**
 * One valid and harmless input per contract method. Typed as a record over MethodName, so adding a
 * method to the contract fails the type check until it has an entry here, and with it a place in
 * the role matrix and the bad-input corpus.
 *
 * Harmless means: repeatable without breaking the caller's session or the target's sign-in
 * (setActive re-activates, resetPassword sets the same password, update carries a stale version,
 * changePassword a wrong current password). auth.logout does end the caller's session: run it last.
 */
export const VALID_INPUTS: { [M in MethodName]: (target: InputTarget) => MethodInput<M> } = {
  'system.info': () => ({}),
  'system.ping': () => ({ echo: 'hello' }),
  'auth.setupStatus': () => ({}),
  'auth.setupFirstAdmin': () => ({
    organizationName: 'Second Clinic',
    username: 'second.admin',
    displayName: 'Second Admin',
    password: 'second admin password',
  }),
  'auth.login': (t) => ({ username: t.username, password: t.password }),
  'auth.logout': () => ({}),
  'auth.currentSession': () => ({}),
  'auth.changePassword': () => ({ currentPassword: 'not the current password', newPassword: 'a brand new password' }),
  'users.list': () => ({ includeInactive: true }),
  'users.create': () => {
    unique += 1;
    return { username: `made.${unique}`, displayName: `Made ${unique}`, role: 'nurse', password: 'made user password' };
  },
  'users.update': (t) => ({ id: t.id, expectedVersion: 999_999, displayName: 'Renamed', role: 'nurse' }),
  'users.setActive': (t) => ({ id: t.id, active: true }),
  'users.resetPassword': (t) => ({ id: t.id, newPassword: t.password }),
  'users.unlock': (t) => ({ id: t.id }),
  'clinic.getOrganization': () => ({}),
  'clinic.updateOrganization': () => ({ expectedVersion: 999_999, name: 'Renamed Clinic', phone: '+1 555 0100', email: 'desk@example.org', address: '1 Main Street' }),
  'clinic.listLocations': () => ({ includeInactive: true }),
  'clinic.saveLocation': () => {
    unique += 1;
    return { name: `Annex ${unique}`, kind: 'site' };
  },
  'clinic.setLocationActive': (t) => ({ id: t.id, active: true }),
  'clinic.listProviders': () => ({ includeInactive: true }),
  'clinic.saveProvider': () => {
    unique += 1;
    return { givenName: 'Made', familyName: `Provider ${unique}`, specialty: 'General practice', licenseNumber: `LIC-${unique}` };
  },
  'clinic.setProviderActive': (t) => ({ id: t.id, active: true }),
  'audit.list': () => ({ limit: 5, action: 'system.ping', outcome: 'ok' }),
  'schedule.settings': () => ({}),
  'schedule.setTimeZone': () => ({ timeZone: 'UTC' }),
  'schedule.listAppointmentTypes': () => ({ includeInactive: true }),
  'schedule.saveAppointmentType': () => {
    unique += 1;
    return { name: `Valid type ${unique}`, durationMinutes: 20, colour: 'teal', active: true };
  },
  'schedule.workingHours': () => ({ providerId: NO_PROVIDER }),
  'schedule.addWorkingHours': () => ({ providerId: NO_PROVIDER, weekday: 1, startTime: '08:00', endTime: '12:00', kind: 'work', validFrom: '2030-01-01' }),
  'schedule.removeWorkingHours': () => ({ id: NO_SCHEDULE_ROW }),
  'schedule.book': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT, providerId: NO_PROVIDER, typeId: NO_SCHEDULE_ROW, startsAt: '2030-01-07T09:00:00.000Z', notes: 'First visit' }),
  'schedule.bookRecurring': (t) => ({
    patientId: t.patient?.id ?? NO_PATIENT,
    providerId: NO_PROVIDER,
    typeId: NO_SCHEDULE_ROW,
    startsAt: '2030-01-07T09:00:00.000Z',
    weeks: 4,
    allOrNothing: true,
  }),
  'schedule.reschedule': () => ({ id: NO_SCHEDULE_ROW, expectedVersion: 999_999, startsAt: '2030-01-08T09:00:00.000Z', providerId: NO_PROVIDER }),
  'schedule.cancel': () => ({ id: NO_SCHEDULE_ROW, expectedVersion: 999_999, reason: 'Patient called to cancel' }),
  'schedule.markNoShow': () => ({ id: NO_SCHEDULE_ROW, expectedVersion: 999_999 }),
  'schedule.walkIn': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT, typeId: NO_SCHEDULE_ROW }),
  'schedule.day': () => ({ date: '2026-03-02' }),
  'schedule.week': () => ({ weekStart: '2026-03-02' }),
  'schedule.nextFreeSlot': () => ({ providerId: NO_PROVIDER, typeId: NO_SCHEDULE_ROW, after: '2030-01-07T09:00:00.000Z' }),
  'queue.today': () => ({}),
  'queue.checkIn': () => ({ appointmentId: NO_SCHEDULE_ROW }),
  'queue.moveToRoom': () => ({ appointmentId: NO_SCHEDULE_ROW, locationId: NO_SCHEDULE_ROW }),
  'queue.complete': () => ({ appointmentId: NO_SCHEDULE_ROW }),
  'patients.search': () => ({ query: 'garcia 1984-03-07', limit: 10 }),
  'patients.get': (t) => ({ id: t.patient?.id ?? NO_PATIENT }),
  'patients.findDuplicates': () => ({ givenName: 'María', familyName: 'García', dateOfBirth: '1984-03-07', phone: '+1 555 555 0134' }),
  'patients.register': () => {
    unique += 1;
    // A different date of birth each time, so one registration is never another's duplicate.
    const day = new Date(Date.UTC(1950, 0, 1) + unique * 86_400_000).toISOString().slice(0, 10);
    return { givenName: 'Valid', familyName: `Patient`, dateOfBirth: day, sex: 'unknown', acknowledgedDuplicateIds: [] };
  },
  'patients.update': (t) => ({ id: t.patient?.id ?? NO_PATIENT, expectedVersion: 999_999, changes: { city: 'Lakeview' } }),
  'patients.history': (t) => ({ id: t.patient?.id ?? NO_PATIENT }),
  'patients.setActive': (t) => ({ id: t.patient?.id ?? NO_PATIENT, active: true }),
  'patients.merge': (t) => ({
    survivorId: t.patient?.id ?? NO_PATIENT,
    mergedId: '0d000000-0000-4000-8000-00000000beef',
    expectedVersions: { survivor: t.patient?.version ?? 1, merged: 1 },
  }),
  'patients.mrnSettings': () => ({}),
  'patients.setMrnSettings': () => ({ pattern: 'MRN{seq:6}' }),
  'devices.list': () => ({}),
  'devices.statuses': () => ({}),
  'devices.ports': () => ({}),
  // A port that does not exist: the device is stored and shows an error status; a repeat is a CONFLICT.
  'devices.create': () => ({ ...MISSING_SERIAL_DEVICE }),
  'devices.update': () => ({ id: NO_DEVICE, expectedVersion: 1, settings: { ...MISSING_SERIAL_DEVICE } }),
  'devices.setActive': () => ({ id: NO_DEVICE, expectedVersion: 1, active: true }),
  'devices.reconnect': () => ({ id: NO_DEVICE }),
  'devices.testConnection': () => ({ settings: { ...MISSING_SERIAL_DEVICE }, listenMs: 200 }),
  'devices.monitor': () => ({ id: NO_DEVICE, enabled: false }),
  'devices.journal': () => ({ limit: 10 }),
  'devices.journalEntry': () => ({ seq: 999_999 }),
  'encounters.open': () => ({}),
  'encounters.get': () => ({ encounterId: NO_ENCOUNTER }),
  'capture.focus': () => ({ encounterId: NO_ENCOUNTER, locationId: NO_LOCATION }),
  'capture.release': () => ({ locationId: NO_LOCATION }),
  'capture.pending': () => ({}),
  'capture.accept': () => ({ readingIds: [NO_READING] }),
  'capture.reject': () => ({ readingIds: [NO_READING], reason: 'test run' }),
  'observations.list': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT, limit: 10 }),
  'chart.summary': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT }),
  'chart.timeline': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT, kinds: ['encounter', 'vitals'], limit: 10 }),
  'chart.flowsheet': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT, measures: ['8310-5'] }),
  // Problems, medications and care plans: rows that do not exist, or the target patient (NOT_FOUND without one).
  'problems.list': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT }),
  'problems.record': () => ({ patientId: NO_PATIENT, condition: 'Essential hypertension', codeSystem: 'icd-10', code: 'I10', onsetDate: '2020-05-01', notes: 'Home readings high' }),
  'problems.update': () => ({ id: NO_CARE_ROW, expectedVersion: 999_999, status: 'resolved', resolvedDate: '2026-01-05' }),
  'medications.list': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT }),
  'medications.record': () => ({ patientId: NO_PATIENT, drug: 'Ramipril', dose: '5', unit: 'mg', route: 'oral', frequency: 'once daily', startedOn: '2020-05-01' }),
  'medications.update': () => ({ id: NO_CARE_ROW, expectedVersion: 999_999, status: 'stopped', stoppedOn: '2026-01-05' }),
  'carePlans.list': (t) => ({ patientId: t.patient?.id ?? NO_PATIENT }),
  'carePlans.save': () => ({
    patientId: NO_PATIENT,
    title: 'Blood pressure control',
    description: 'Lower blood pressure below 140/90',
    periodStart: '2026-01-05',
    periodEnd: '2026-06-30',
    goals: [{ description: 'Blood pressure below 140/90', target: '< 140/90 mmHg', status: 'active' }],
    activities: [{ description: 'Recheck blood pressure', dueDate: '2026-02-01', ownerId: '', status: 'not-started' }],
    problemIds: [],
  }),
  'carePlans.setStatus': () => ({ id: NO_CARE_ROW, expectedVersion: 999_999, status: 'active' }),
  'carePlans.updateActivity': () => ({ id: NO_CARE_ROW, expectedVersion: 999_999, status: 'completed', dueDate: '2026-02-01', ownerId: '' }),
  'carePlans.worklist': () => ({ mine: true, limit: 10 }),
  // Documentation inputs name an encounter or note that does not exist: NOT_FOUND, nothing written.
  'encounters.complaint': () => ({ encounterId: NO_ENCOUNTER }),
  'encounters.saveComplaint': () => ({ encounterId: NO_ENCOUNTER, chiefComplaint: 'Cough for three days', symptoms: [{ name: 'Cough', severity: 'mild', onset: '2026-02-27', duration: '3 days' }] }),
  'notes.list': () => ({ encounterId: NO_ENCOUNTER }),
  'notes.saveDraft': () => ({ encounterId: NO_ENCOUNTER, subjective: 'Dry cough', objective: 'Chest clear', assessment: 'Viral bronchitis', plan: 'Fluids, review in a week' }),
  'notes.sign': () => ({ noteId: NO_NOTE, expectedVersion: 1 }),
  'notes.amend': () => ({ noteId: NO_NOTE, reason: 'Wrong side recorded' }),
  'vitals.record': () => ({ encounterId: NO_ENCOUNTER, vitals: [{ measure: 'bodyTemperature', value: '37.0', unit: 'Cel', observedAt: '2026-03-02T08:00:00.000Z' }] }),
  // Allergy and order inputs name a patient or order that does not exist: NOT_FOUND, nothing written.
  'allergies.list': () => ({ patientId: NO_PATIENT, includeInactive: true }),
  'allergies.record': () => ({ patientId: NO_PATIENT, allergen: 'Penicillin', category: 'drug', reaction: 'Hives', severity: 'moderate' }),
  'allergies.update': () => ({ id: NO_ORDER, expectedVersion: 1, status: 'inactive' }),
  'orders.list': () => ({ patientId: NO_PATIENT, limit: 10 }),
  'orders.checkAllergies': () => ({ patientId: NO_PATIENT, drug: 'Amoxicillin' }),
  'orders.draftMedication': () => ({
    patientId: NO_PATIENT, drug: 'Amoxicillin', dose: 500, doseUnit: 'mg', route: 'oral', frequency: 'tid', durationDays: 7, quantity: 21, refills: 0, instructions: 'With food',
  }),
  'orders.draftLab': () => ({ patientId: NO_PATIENT, testCode: '2345-7', testName: 'Glucose', specimen: 'serum', priority: 'routine' }),
  'orders.sign': () => ({ orderId: NO_ORDER, expectedVersion: 1, overrideAllergy: { reason: 'Tolerated before' } }),
  'orders.complete': () => ({ orderId: NO_ORDER, expectedVersion: 1 }),
  'orders.cancel': () => ({ orderId: NO_ORDER, expectedVersion: 1, reason: 'Ordered in error' }),
  // FHIR: no such patient to export (NOT_FOUND); an empty bundle has no Patient: valid false, nothing written.
  'fhir.exportPatient': () => ({ patientId: NO_PATIENT }),
  'fhir.validateBundle': () => ({ json: '{"resourceType":"Bundle","type":"collection","entry":[]}' }),
  // A valid bundle whose MRN matches nobody here: NOT_FOUND, nothing written.
  'fhir.importBundle': () => ({
    json: JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:0d000000-0000-4000-8000-00000000f1f1', resource: {
      resourceType: 'Patient', identifier: [{ system: 'urn:aipc:mrn', value: 'NO-SUCH-MRN' }], name: [{ family: 'Nobody', given: ['No'] }], gender: 'unknown', birthDate: '1970-01-01',
    } }] }),
    mode: 'match',
  }),
  // Critical results: no alert has this id (NOT_FOUND); setting the ranges writes the defaults again.
  'criticalResults.open': () => ({ scope: 'all' }),
  'criticalResults.acknowledge': () => ({ alertId: NO_ALERT, note: 'Called the patient back' }),
  'criticalResults.ranges': () => ({}),
  'criticalResults.setRanges': () => ({ ranges: DEFAULT_CRITICAL_RANGES.map((r) => ({ ...r })) }),
};

export function validInput(method: MethodName, target: InputTarget): Record<string, unknown> {
  return VALID_INPUTS[method](target) as Record<string, unknown>;
}
