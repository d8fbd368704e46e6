import type { SqliteConnection } from '../../db/sqlite-driver';
import { T0 } from './temp-store';

/**
 * Raw-SQL rows for migration tests. Migration tests write with plain SQL, not repositories: a
 * repository follows the latest schema, while these rows must fit the schema at an older version.
 * Each helper writes only the columns that existed when its table was created.
 */
export const IDS = {
  organization: '0a000000-0000-4000-8000-000000000001',
  site: '0b000000-0000-4000-8000-000000000001',
  room: '0b000000-0000-4000-8000-000000000002',
  admin: '0c000000-0000-4000-8000-000000000001',
  nurse: '0c000000-0000-4000-8000-000000000002',
  patient: '0d000000-0000-4000-8000-000000000001',
  otherPatient: '0d000000-0000-4000-8000-000000000002',
  identifier: '0e000000-0000-4000-8000-000000000001',
  contact: '0f000000-0000-4000-8000-000000000001',
  provider: '1a000000-0000-4000-8000-000000000001',
  appointment: '1b000000-0000-4000-8000-000000000001',
  encounter: '1c000000-0000-4000-8000-000000000001',
  device: '1d000000-0000-4000-8000-000000000001',
  observation: '1e000000-0000-4000-8000-000000000001',
  panelMember: '1e000000-0000-4000-8000-000000000002',
  order: '1f000000-0000-4000-8000-000000000001',
  carePlan: '2a000000-0000-4000-8000-000000000001',
  auditEvent: '2b000000-0000-4000-8000-000000000001',
  unknown: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
} as const;

const stamps = { created_at: T0, updated_at: T0 };

/** Inserts one row with exactly the given columns (named parameters). */
export function insertRow(raw: SqliteConnection, table: string, row: Record<string, unknown>): void {
  const names = Object.keys(row);
  raw.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
}

// ---- version 1 ----
export function insertOrganization(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'organizations', { id: IDS.organization, name: 'Riverside Clinic', ...stamps, ...row });
}
export function insertLocation(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'locations', { id: IDS.site, organization_id: IDS.organization, parent_id: null, name: 'Main site', kind: 'site', ...stamps, ...row });
}
export function insertUser(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'users', {
    id: IDS.admin,
    organization_id: IDS.organization,
    username: 'admin',
    display_name: 'Ada Admin',
    role: 'admin',
    password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
    password_changed_at: T0,
    ...stamps,
    ...row,
  });
}
export function insertSetting(raw: SqliteConnection, key = 'mrn_pattern', value = '^MRN[0-9]{6}$'): void {
  insertRow(raw, 'settings', { key, value, updated_at: T0 });
}

// ---- version 2 ----
export function insertPatient(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'patients', {
    id: IDS.patient,
    organization_id: IDS.organization,
    mrn: 'MRN000001',
    given_name: 'Émilie',
    family_name: 'Lefèvre',
    date_of_birth: '1984-07-14',
    sex: 'female',
    ...stamps,
    ...row,
  });
}
export function insertIdentifier(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'patient_identifiers', { id: IDS.identifier, patient_id: IDS.patient, system: 'insurance', value: 'INS-123456789', ...stamps, ...row });
}
export function insertContact(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'patient_contacts', { id: IDS.contact, patient_id: IDS.patient, kind: 'emergency', name: 'Anaïs Lefèvre', ...stamps, ...row });
}

// ---- version 3 ----
export function insertProvider(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'providers', { id: IDS.provider, organization_id: IDS.organization, user_id: null, given_name: 'Maria', family_name: 'Lindqvist', ...stamps, ...row });
}
export function insertAppointment(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'appointments', {
    id: IDS.appointment,
    patient_id: IDS.patient,
    provider_id: IDS.provider,
    appointment_type: 'follow-up',
    starts_at: '2026-03-02T09:00:00.000Z',
    ends_at: '2026-03-02T09:20:00.000Z',
    ...stamps,
    ...row,
  });
}
export function insertEncounter(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'encounters', { id: IDS.encounter, patient_id: IDS.patient, provider_id: IDS.provider, status: 'in_progress', ...stamps, ...row });
}

// ---- version 4 ----
export function insertDevice(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'devices', { id: IDS.device, organization_id: IDS.organization, name: 'Vitals monitor 1', kind: 'vitals', protocol: 'astm', transport: 'serial', ...stamps, ...row });
}
export function insertObservation(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'observations', {
    id: IDS.observation,
    patient_id: IDS.patient,
    code_system: 'http://loinc.org',
    code: '8310-5',
    display: 'Body temperature',
    value_text: '37.0',
    value_numeric: 37,
    unit: 'Cel',
    observed_at: '2026-03-02T09:05:00.000Z',
    status: 'final',
    source: 'manual',
    ...stamps,
    ...row,
  });
}

export function insertOrder(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'orders', {
    id: IDS.order,
    patient_id: IDS.patient,
    encounter_id: IDS.encounter,
    kind: 'lab',
    code_system: 'http://loinc.org',
    code: '2345-7',
    display: 'Glucose',
    status: 'active',
    sample_id: 'S-0001',
    ordered_by: IDS.admin,
    ...stamps,
    ...row,
  });
}
export function insertCarePlan(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'care_plans', { id: IDS.carePlan, patient_id: IDS.patient, title: 'Blood pressure follow-up', status: 'active', author_id: IDS.admin, ...stamps, ...row });
}

// ---- version 5 ----
export function insertAuditEvent(raw: SqliteConnection, row: Record<string, unknown> = {}): void {
  insertRow(raw, 'audit_events', {
    id: IDS.auditEvent,
    at: T0,
    user_id: IDS.admin,
    username: 'admin',
    action: 'patients.get',
    patient_id: IDS.patient,
    outcome: 'ok',
    error_code: null,
    transport: 'ipc',
    ...row,
  });
}
