import type { Generated } from 'kysely';

/** Columns of every synced row (see migrations/migration.ts). */
interface Synced {
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  deleted: Generated<number>;
}

export interface OrganizationsTable extends Synced {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface LocationsTable extends Synced {
  id: string;
  organization_id: string;
  parent_id: string | null;
  name: string;
  kind: 'site' | 'department' | 'room' | 'workstation';
  active: Generated<number>;
}

export interface UsersTable extends Synced {
  id: string;
  organization_id: string | null;
  username: string;
  display_name: string;
  role: 'front_desk' | 'nurse' | 'physician' | 'admin';
  password_hash: string;
  active: Generated<number>;
  failed_login_count: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface PatientsTable extends Synced {
  id: string;
  organization_id: string;
  mrn: string;
  given_name: string;
  middle_name: string | null;
  family_name: string;
  date_of_birth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  phone: string | null;
  email: string | null;
  address_line: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  active: Generated<number>;
  merged_into_id: string | null;
}

export interface PatientIdentifiersTable extends Synced {
  id: string;
  patient_id: string;
  system: 'national_id' | 'insurance' | 'other';
  value: string;
}

export interface PatientContactsTable extends Synced {
  id: string;
  patient_id: string;
  kind: 'emergency' | 'guardian' | 'next_of_kin' | 'other';
  name: string;
  relationship: string | null;
  phone: string | null;
  email: string | null;
}

export interface PatientChangesTable extends Synced {
  id: string;
  patient_id: string;
  changed_at: string;
  user_id: string | null;
  username: string | null;
  kind: 'registered' | 'updated' | 'deactivated' | 'reactivated' | 'merged_into' | 'merged_from';
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  related_patient_id: string | null;
}

/** Local to the workstation: the stable FTS5 document number of each patient. */
export interface PatientSearchKeysTable {
  doc: Generated<number>;
  patient_id: string;
}

/** Every folded name word in the search index (typo-tolerant search). */
export interface PatientNameWordsTable {
  word: string;
}

export interface ProvidersTable extends Synced {
  id: string;
  organization_id: string;
  user_id: string | null;
  given_name: string;
  family_name: string;
  specialty: string | null;
  license_number: string | null;
  active: Generated<number>;
}

export interface AppointmentsTable extends Synced {
  id: string;
  patient_id: string;
  provider_id: string;
  location_id: string | null;
  appointment_type: string;
  starts_at: string;
  ends_at: string;
  status: Generated<'booked' | 'arrived' | 'in_room' | 'completed' | 'cancelled' | 'no_show'>;
  cancel_reason: string | null;
  arrived_at: string | null;
  notes: string | null;
  appointment_type_id: string | null;
  recurrence_group_id: string | null;
  walk_in: Generated<number>;
  room_id: string | null;
  in_room_at: string | null;
  completed_at: string | null;
}

export interface AppointmentTypesTable extends Synced {
  id: string;
  organization_id: string;
  name: string;
  duration_minutes: number;
  colour: 'blue' | 'green' | 'teal' | 'purple' | 'orange' | 'red' | 'pink' | 'grey';
  active: Generated<number>;
}

export interface ProviderWorkingHoursTable extends Synced {
  id: string;
  provider_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  kind: 'work' | 'break';
  valid_from: string | null;
  valid_to: string | null;
}

export interface EncountersTable extends Synced {
  id: string;
  patient_id: string;
  provider_id: string | null;
  appointment_id: string | null;
  location_id: string | null;
  status: 'planned' | 'in_progress' | 'finished' | 'cancelled';
  chief_complaint: string | null;
  started_at: string | null;
  ended_at: string | null;
  /** JSON array of symptoms (name, onset, severity, duration); '[]' when none. */
  symptoms: Generated<string>;
}

export type ClinicalNoteStatus = 'draft' | 'signed' | 'amended' | 'entered-in-error';

/** A SOAP note. Signed notes are final (a trigger refuses changes); amendments point back. */
export interface ClinicalNotesTable extends Synced {
  id: string;
  patient_id: string;
  encounter_id: string;
  author_id: string;
  kind: Generated<'soap'>;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  status: Generated<ClinicalNoteStatus>;
  signed_at: string | null;
  signed_by: string | null;
  amends_note_id: string | null;
  amendment_reason: string | null;
}

export interface DevicesTable extends Synced {
  id: string;
  organization_id: string;
  location_id: string | null;
  name: string;
  kind: string;
  protocol: string;
  transport: 'serial' | 'usb' | 'tcp';
  config: Generated<string>;
  active: Generated<number>;
  workstation_id: string | null;
}

export type ObservationStatus = 'preliminary' | 'final' | 'amended' | 'corrected' | 'cancelled' | 'entered-in-error';

export interface ObservationsTable extends Synced {
  id: string;
  patient_id: string;
  encounter_id: string | null;
  panel_id: string | null;
  code_system: string;
  code: string;
  display: string | null;
  value_text: string | null;
  value_numeric: number | null;
  unit: string | null;
  observed_at: string;
  status: ObservationStatus;
  source: 'manual' | 'device' | 'import';
  device_id: string | null;
  performer_id: string | null;
  order_id: Generated<string | null>;
  reference_range: Generated<string | null>;
  interpretation: Generated<string | null>;
}

export type JournalStatus = 'pending' | 'processed' | 'failed';

/** Local only: every device message as received, written before the device is acknowledged. */
export interface DeviceJournalTable {
  seq: Generated<number>;
  device_id: string;
  protocol: string;
  received_at: string;
  raw: Uint8Array;
  dedupe_key: string | null;
  message_id: string | null;
  status: Generated<JournalStatus>;
  error: string | null;
  reading_count: Generated<number>;
  processed_at: string | null;
}

export type CaptureStatus = 'pending' | 'accepted' | 'rejected' | 'superseded';

/** Local only: readings waiting for a nurse or physician to accept them into the chart. */
export interface DeviceReadingsTable {
  id: string;
  journal_seq: number;
  device_id: string;
  patient_id: string | null;
  encounter_id: string | null;
  order_id: string | null;
  message_patient_id: string | null;
  message_patient_match: string | null;
  patient_conflict: Generated<number>;
  sample_id: string | null;
  code: string;
  code_system: string | null;
  display: string | null;
  loinc: string | null;
  ucum: string | null;
  value_text: string;
  unit: string;
  flags: Generated<string>;
  reference_range: string | null;
  comments: Generated<string>;
  valid: number;
  observed_at: string;
  received_at: string;
  status: Generated<CaptureStatus>;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  observation_id: string | null;
}

export interface OrdersTable extends Synced {
  id: string;
  patient_id: string;
  encounter_id: string | null;
  kind: 'medication' | 'lab';
  code_system: string;
  code: string;
  display: string;
  details: Generated<string>;
  status: 'draft' | 'active' | 'completed' | 'cancelled' | 'entered-in-error';
  sample_id: string | null;
  ordered_by: string | null;
  signed_by: string | null;
  signed_at: string | null;
  accession_number: Generated<string | null>;
  priority: Generated<'routine' | 'urgent' | 'stat' | null>;
  specimen: Generated<string | null>;
  status_reason: Generated<string | null>;
  allergy_override_reason: Generated<string | null>;
  status_changed_by: Generated<string | null>;
  status_changed_at: Generated<string | null>;
}

export interface AllergiesTable extends Synced {
  id: string;
  patient_id: string;
  allergen: string;
  category: 'drug' | 'substance';
  code_system: string | null;
  code: string | null;
  reaction: string | null;
  severity: 'mild' | 'moderate' | 'severe' | 'unknown';
  status: 'active' | 'inactive' | 'entered-in-error';
  recorded_by: string | null;
}

export interface CarePlansTable extends Synced {
  id: string;
  patient_id: string;
  encounter_id: string | null;
  title: string;
  description: string | null;
  status: 'draft' | 'active' | 'completed' | 'revoked';
  period_start: string | null;
  period_end: string | null;
  author_id: string | null;
}

export type ProblemStatus = 'active' | 'resolved' | 'inactive' | 'entered-in-error';
export interface ProblemsTable extends Synced {
  id: string;
  patient_id: string;
  encounter_id: string | null;
  condition: string;
  code_system: string | null;
  code: string | null;
  onset_date: string | null;
  status: ProblemStatus;
  resolved_date: string | null;
  notes: string | null;
  recorded_by: string | null;
}

export type MedicationStatementStatus = 'active' | 'stopped' | 'entered-in-error';
export interface MedicationStatementsTable extends Synced {
  id: string;
  patient_id: string;
  encounter_id: string | null;
  drug: string;
  dose: string | null;
  unit: string | null;
  route: string | null;
  frequency: string | null;
  started_on: string | null;
  stopped_on: string | null;
  status: MedicationStatementStatus;
  recorded_by: string | null;
}

export interface CarePlanGoalsTable extends Synced {
  id: string;
  care_plan_id: string;
  position: Generated<number>;
  description: string;
  target: string | null;
  status: 'proposed' | 'active' | 'achieved' | 'not-achieved' | 'cancelled';
}

export interface CarePlanActivitiesTable extends Synced {
  id: string;
  care_plan_id: string;
  position: Generated<number>;
  description: string;
  due_date: string | null;
  owner_id: string | null;
  status: 'not-started' | 'in-progress' | 'completed' | 'cancelled';
  completed_at: string | null;
}

export interface CarePlanProblemsTable extends Synced {
  id: string;
  care_plan_id: string;
  problem_id: string;
}

/** Local only: critical results waiting for (or acknowledged by) the responsible physician. */
export interface CriticalAlertsTable {
  id: string;
  patient_id: string;
  encounter_id: string | null;
  observation_id: string | null;
  device_reading_id: string | null;
  code: string;
  display: string | null;
  value_text: string;
  unit: string | null;
  flags: Generated<string>;
  reason: string;
  responsible_user_id: string | null;
  observed_at: string;
  raised_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledgement_note: string | null;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  patient_id: string | null;
  outcome: 'ok' | 'invalid' | 'denied' | 'unauthenticated' | 'error';
  error_code: string | null;
  transport: string;
}

export interface SyncOutboxTable {
  seq: Generated<number>;
  change_id: string;
  table_name: string;
  row_id: string;
  operation: 'upsert' | 'delete';
  row_version: number;
  payload: string;
  created_at: string;
  pushed_at: string | null;
}

export interface SyncStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface Database {
  organizations: OrganizationsTable;
  locations: LocationsTable;
  users: UsersTable;
  settings: SettingsTable;
  patients: PatientsTable;
  patient_identifiers: PatientIdentifiersTable;
  patient_contacts: PatientContactsTable;
  patient_changes: PatientChangesTable;
  patient_search_keys: PatientSearchKeysTable;
  patient_name_words: PatientNameWordsTable;
  providers: ProvidersTable;
  appointments: AppointmentsTable;
  appointment_types: AppointmentTypesTable;
  provider_working_hours: ProviderWorkingHoursTable;
  encounters: EncountersTable;
  clinical_notes: ClinicalNotesTable;
  devices: DevicesTable;
  observations: ObservationsTable;
  device_journal: DeviceJournalTable;
  device_readings: DeviceReadingsTable;
  orders: OrdersTable;
  allergies: AllergiesTable;
  care_plans: CarePlansTable;
  problems: ProblemsTable;
  medication_statements: MedicationStatementsTable;
  care_plan_goals: CarePlanGoalsTable;
  care_plan_activities: CarePlanActivitiesTable;
  care_plan_problems: CarePlanProblemsTable;
  critical_alerts: CriticalAlertsTable;
  audit_events: AuditEventsTable;
  sync_outbox: SyncOutboxTable;
  sync_state: SyncStateTable;
  schema_migrations: SchemaMigrationsTable;
}
