import type { Kysely, Selectable } from 'kysely';
import type { Database, PatientsTable } from '../schema';

export type PatientRow = Selectable<PatientsTable>;

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
  identifiers?: { id: string; system: 'national_id' | 'insurance' | 'other'; value: string }[];
  contacts?: { id: string; kind: 'emergency' | 'guardian' | 'next_of_kin' | 'other'; name: string; relationship?: string | null; phone?: string | null }[];
  now: string;
}

export class PatientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The patient with identifiers and contacts, in one transaction: all of it or none. */
  async insert(patient: NewPatient): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
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
    });
  }

  findByMrn(mrn: string): Promise<PatientRow | undefined> {
    return this.db.selectFrom('patients').selectAll().where('mrn', '=', mrn).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
