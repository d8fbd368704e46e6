import { sql, type Kysely, type Selectable } from 'kysely';
import type { MrnFrame } from '../../common/domain/mrn-pattern';
import type { PatientChange, PatientLink, PatientRecord, PatientSummary } from '../../common/domain/patients';
import type { Database, PatientChangesTable, PatientContactsTable, PatientIdentifiersTable, PatientsTable } from '../schema';
import { patientSearchDocument } from '../search/patient-search-document';
import { updateAtVersion } from './update-at-version';

export type PatientRow = Selectable<PatientsTable>;
export type PatientIdentifierRow = Selectable<PatientIdentifiersTable>;
export type PatientContactRow = Selectable<PatientContactsTable>;
export type PatientChangeRow = Selectable<PatientChangesTable>;
export type IdentifierSystem = PatientIdentifierRow['system'];

export interface NewPatient {
  id: string;
  organizationId: string;
  mrn: string;
  givenName: string;
  middleName?: string | null;
  familyName: string;
  dateOfBirth: string;
  sex: PatientRow['sex'];
  phone?: string | null;
  email?: string | null;
  addressLine?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  identifiers?: { id: string; system: IdentifierSystem; value: string }[];
  contacts?: { id: string; kind: PatientContactRow['kind']; name: string; relationship?: string | null; phone?: string | null }[];
  now: string;
}

/** The demographic columns an edit may change. */
export type PatientColumnChanges = Partial<
  Pick<
    PatientRow,
    | 'given_name'
    | 'middle_name'
    | 'family_name'
    | 'date_of_birth'
    | 'sex'
    | 'phone'
    | 'email'
    | 'address_line'
    | 'city'
    | 'region'
    | 'postal_code'
    | 'country'
  >
>;

export interface NewPatientChange {
  id: string;
  patientId: string;
  at: string;
  userId: string | null;
  username: string | null;
  kind: PatientChangeRow['kind'];
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  relatedPatientId?: string | null;
}

/** Tables whose rows belong to a patient and move to the survivor when two records are merged. */
export const PATIENT_OWNED_TABLES = [
  'appointments',
  'encounters',
  'observations',
  'orders',
  'allergies',
  'care_plans',
  'clinical_notes',
  'problems',
  'medication_statements',
  'patient_identifiers',
  'patient_contacts',
] as const;

export function toPatientSummary(row: PatientRow): PatientSummary {
  return {
    id: row.id,
    mrn: row.mrn,
    givenName: row.given_name,
    familyName: row.family_name,
    middleName: row.middle_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    phone: row.phone,
    active: row.active === 1,
  };
}

function toLink(row: Pick<PatientRow, 'id' | 'mrn' | 'given_name' | 'family_name'>): PatientLink {
  return { id: row.id, mrn: row.mrn, givenName: row.given_name, familyName: row.family_name };
}

/**
 * Patients with their identifiers, contacts and change history. Every write that changes what
 * search sees (names, MRN, date of birth, phone, active) re-indexes the patient in the same
 * transaction, so a search never disagrees with the table. Patients are never deleted.
 */
export class PatientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `fn` in the caller's transaction, or in a new one. */
  private atomically<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? fn(this.db) : this.db.transaction().execute(fn);
  }

  /** The patient with identifiers and contacts, in one transaction: all of it or none. */
  async insert(patient: NewPatient): Promise<void> {
    await this.atomically(async (trx) => {
      const stamps = { created_at: patient.now, updated_at: patient.now };
      await trx
        .insertInto('patients')
        .values({
          id: patient.id,
          organization_id: patient.organizationId,
          mrn: patient.mrn,
          given_name: patient.givenName,
          middle_name: patient.middleName ?? null,
          family_name: patient.familyName,
          date_of_birth: patient.dateOfBirth,
          sex: patient.sex,
          phone: patient.phone ?? null,
          email: patient.email ?? null,
          address_line: patient.addressLine ?? null,
          city: patient.city ?? null,
          region: patient.region ?? null,
          postal_code: patient.postalCode ?? null,
          country: patient.country ?? null,
          merged_into_id: null,
          ...stamps,
        })
        .execute();
      for (const identifier of patient.identifiers ?? []) {
        await trx
          .insertInto('patient_identifiers')
          .values({ id: identifier.id, patient_id: patient.id, system: identifier.system, value: identifier.value, ...stamps })
          .execute();
      }
      for (const contact of patient.contacts ?? []) {
        await trx
          .insertInto('patient_contacts')
          .values({
            id: contact.id,
            patient_id: patient.id,
            kind: contact.kind,
            name: contact.name,
            relationship: contact.relationship ?? null,
            phone: contact.phone ?? null,
            email: null,
            ...stamps,
          })
          .execute();
      }
      await new PatientRepository(trx).reindex(patient.id);
    });
  }

  findById(id: string): Promise<PatientRow | undefined> {
    return this.db.selectFrom('patients').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  }

  findByMrn(mrn: string): Promise<PatientRow | undefined> {
    return this.db.selectFrom('patients').selectAll().where('mrn', '=', mrn).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Candidates for the duplicate check: same date of birth, not merged away. */
  listByDateOfBirth(dateOfBirth: string): Promise<PatientRow[]> {
    return this.db
      .selectFrom('patients')
      .selectAll()
      .where('date_of_birth', '=', dateOfBirth)
      .where('deleted', '=', 0)
      .where('merged_into_id', 'is', null)
      .limit(500)
      .execute();
  }

  /** Patients whose phone digits (whole, or their last 10 to 7) equal `digits`, through the index. */
  async listByPhoneDigits(digits: string): Promise<PatientRow[]> {
    if (!/^\d{7,15}$/.test(digits)) return [];
    const result = await sql<PatientRow>`
      SELECT p.* FROM patient_search s
      JOIN patient_search_keys k ON k.doc = s.rowid
      JOIN patients p ON p.id = k.patient_id
      WHERE patient_search MATCH ${`{phone}: "${digits}"`} AND p.deleted = 0 AND p.merged_into_id IS NULL
      LIMIT 200`.execute(this.db);
    return result.rows;
  }

  /** The patient holding an identifier (any record, merged ones included: the value is unique). */
  async findIdentifierOwner(system: IdentifierSystem, value: string): Promise<PatientRow | undefined> {
    return this.db
      .selectFrom('patient_identifiers as i')
      .innerJoin('patients as p', 'p.id', 'i.patient_id')
      .selectAll('p')
      .where('i.system', '=', system)
      .where('i.value', '=', value)
      .where('i.deleted', '=', 0)
      .executeTakeFirst();
  }

  identifiersOf(patientId: string): Promise<PatientIdentifierRow[]> {
    return this.db
      .selectFrom('patient_identifiers')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('deleted', '=', 0)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  contactsOf(patientId: string): Promise<PatientContactRow[]> {
    return this.db
      .selectFrom('patient_contacts')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('deleted', '=', 0)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** The whole record as the API shows it, or undefined. */
  async loadRecord(id: string): Promise<PatientRecord | undefined> {
    const row = await this.findById(id);
    if (!row) return undefined;
    const [identifiers, contacts, mergedInto, mergedFrom] = await Promise.all([
      this.identifiersOf(id),
      this.contactsOf(id),
      row.merged_into_id ? this.findById(row.merged_into_id) : Promise.resolve(undefined),
      this.db
        .selectFrom('patients')
        .select(['id', 'mrn', 'given_name', 'family_name', 'updated_at'])
        .where('merged_into_id', '=', id)
        .orderBy('updated_at')
        .execute(),
    ]);
    const firstOf = (system: IdentifierSystem) => identifiers.find((i) => i.system === system)?.value ?? null;
    const emergency = contacts.find((c) => c.kind === 'emergency');
    return {
      ...toPatientSummary(row),
      email: row.email,
      addressLine: row.address_line,
      city: row.city,
      region: row.region,
      postalCode: row.postal_code,
      country: row.country,
      nationalId: firstOf('national_id'),
      insuranceNumber: firstOf('insurance'),
      emergencyContactName: emergency?.name ?? null,
      emergencyContactRelationship: emergency?.relationship ?? null,
      emergencyContactPhone: emergency?.phone ?? null,
      identifiers: identifiers.map((i) => ({ id: i.id, system: i.system, value: i.value })),
      contacts: contacts.map((c) => ({ id: c.id, kind: c.kind, name: c.name, relationship: c.relationship, phone: c.phone, email: c.email })),
      mergedInto: mergedInto ? toLink(mergedInto) : null,
      mergedFrom: mergedFrom.map((m) => ({ ...toLink(m), mergedAt: m.updated_at })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  }

  /**
   * Optimistic concurrency: applies only if the row is still at `expectedVersion`; re-indexes.
   * Returns the new row, or undefined when the row changed meanwhile (or does not exist).
   */
  async update(
    id: string,
    expectedVersion: number,
    changes: PatientColumnChanges & Partial<Pick<PatientRow, 'active' | 'merged_into_id'>>,
    now: string,
  ): Promise<PatientRow | undefined> {
    return this.atomically(async (trx) => {
      if (!(await updateAtVersion(trx, 'patients', id, expectedVersion, changes, now))) return undefined;
      const repo = new PatientRepository(trx);
      await repo.reindex(id);
      return repo.findById(id);
    });
  }

  /**
   * Sets the patient's identifier of `system` to `value` (null removes it): the current one is
   * soft-deleted and a new row written, so the sync log keeps both.
   */
  async replaceIdentifier(patientId: string, system: IdentifierSystem, value: string | null, newId: string, now: string): Promise<void> {
    await this.db
      .updateTable('patient_identifiers')
      .set((eb) => ({ deleted: 1, updated_at: now, version: eb('version', '+', 1) }))
      .where('patient_id', '=', patientId)
      .where('system', '=', system)
      .where('deleted', '=', 0)
      .execute();
    if (value === null) return;
    // The UNIQUE (system, value) constraint also covers soft-deleted rows: revive one if it exists.
    const revived = await this.db
      .updateTable('patient_identifiers')
      .set((eb) => ({ deleted: 0, patient_id: patientId, updated_at: now, version: eb('version', '+', 1) }))
      .where('system', '=', system)
      .where('value', '=', value)
      .where('deleted', '=', 1)
      .executeTakeFirst();
    if (Number(revived.numUpdatedRows) === 1) return;
    await this.db
      .insertInto('patient_identifiers')
      .values({ id: newId, patient_id: patientId, system, value, created_at: now, updated_at: now })
      .execute();
  }

  /** Replaces the emergency contact (null removes it), keeping the old row soft-deleted. */
  async replaceEmergencyContact(
    patientId: string,
    contact: { name: string; relationship: string | null; phone: string | null } | null,
    newId: string,
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('patient_contacts')
      .set((eb) => ({ deleted: 1, updated_at: now, version: eb('version', '+', 1) }))
      .where('patient_id', '=', patientId)
      .where('kind', '=', 'emergency')
      .where('deleted', '=', 0)
      .execute();
    if (!contact) return;
    await this.db
      .insertInto('patient_contacts')
      .values({
        id: newId,
        patient_id: patientId,
        kind: 'emergency',
        name: contact.name,
        relationship: contact.relationship,
        phone: contact.phone,
        email: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  /** Re-points every row the merged patient owns to the survivor; returns the count per table. */
  async moveOwnedRows(fromId: string, toId: string, now: string): Promise<Record<(typeof PATIENT_OWNED_TABLES)[number], number>> {
    const moved = {} as Record<(typeof PATIENT_OWNED_TABLES)[number], number>;
    for (const table of PATIENT_OWNED_TABLES) {
      const result = await this.db
        .updateTable(table)
        .set((eb) => ({ patient_id: toId, updated_at: now, version: eb('version', '+', 1) }))
        .where('patient_id', '=', fromId)
        .executeTakeFirst();
      moved[table] = Number(result.numUpdatedRows);
    }
    return moved;
  }

  /** The highest MRN of this shape (prefix, `width` digits, suffix), through the unique index. */
  async highestMrn(frame: MrnFrame): Promise<string | undefined> {
    const digits = '[0-9]'.repeat(frame.width);
    // The range is every string of the prefix followed by a digit ('0' to '9', ':' follows '9').
    let query = this.db
      .selectFrom('patients')
      .select('mrn')
      .where('mrn', '>=', `${frame.prefix}0`)
      .where('mrn', '<', `${frame.prefix}:`)
      .where(sql<boolean>`length(mrn) = ${frame.prefix.length + frame.width + frame.suffix.length}`)
      .where(sql<boolean>`substr(mrn, ${frame.prefix.length + 1}, ${frame.width}) GLOB ${digits}`);
    if (frame.suffix) query = query.where(sql<boolean>`substr(mrn, ${-frame.suffix.length}) = ${frame.suffix}`);
    const row = await query.orderBy('mrn', 'desc').limit(1).executeTakeFirst();
    return row?.mrn;
  }

  async insertChanges(changes: readonly NewPatientChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.db
      .insertInto('patient_changes')
      .values(
        changes.map((c) => ({
          id: c.id,
          patient_id: c.patientId,
          changed_at: c.at,
          user_id: c.userId,
          username: c.username,
          kind: c.kind,
          field: c.field ?? null,
          old_value: c.oldValue ?? null,
          new_value: c.newValue ?? null,
          related_patient_id: c.relatedPatientId ?? null,
          created_at: c.at,
          updated_at: c.at,
        })),
      )
      .execute();
  }

  /** The change history, newest first. */
  async listChanges(patientId: string): Promise<PatientChange[]> {
    const rows = await this.db
      .selectFrom('patient_changes as c')
      .leftJoin('patients as r', 'r.id', 'c.related_patient_id')
      .select([
        'c.id',
        'c.changed_at',
        'c.user_id',
        'c.username',
        'c.kind',
        'c.field',
        'c.old_value',
        'c.new_value',
        'r.id as related_id',
        'r.mrn as related_mrn',
        'r.given_name as related_given_name',
        'r.family_name as related_family_name',
      ])
      .where('c.patient_id', '=', patientId)
      .where('c.deleted', '=', 0)
      .orderBy('c.changed_at', 'desc')
      .orderBy(sql`c.rowid`, 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.changed_at,
      userId: r.user_id,
      username: r.username,
      kind: r.kind,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
      relatedPatient:
        r.related_id && r.related_mrn && r.related_given_name && r.related_family_name
          ? { id: r.related_id, mrn: r.related_mrn, givenName: r.related_given_name, familyName: r.related_family_name }
          : null,
    }));
  }

  /** Writes the patient's search document anew (names, MRN, date of birth, phone, active). */
  async reindex(patientId: string): Promise<void> {
    const patient = await this.db
      .selectFrom('patients')
      .select(['mrn', 'given_name', 'middle_name', 'family_name', 'date_of_birth', 'phone', 'active'])
      .where('id', '=', patientId)
      .executeTakeFirstOrThrow();
    const key = await sql<{ doc: number }>`
      INSERT INTO patient_search_keys (patient_id) VALUES (${patientId})
      ON CONFLICT (patient_id) DO UPDATE SET patient_id = excluded.patient_id
      RETURNING doc`.execute(this.db);
    const doc = key.rows[0]!.doc;
    const d = patientSearchDocument(patient);
    await sql`DELETE FROM patient_search WHERE rowid = ${doc}`.execute(this.db);
    await sql`INSERT INTO patient_search (rowid, names, mrn, dob, phone, flags)
      VALUES (${doc}, ${d.names}, ${d.mrn}, ${d.dob}, ${d.phone}, ${d.flags})`.execute(this.db);
    for (const word of d.words) await sql`INSERT OR IGNORE INTO patient_name_words (word) VALUES (${word})`.execute(this.db);
  }
}
