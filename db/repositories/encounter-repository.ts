import type { Kysely, Selectable } from 'kysely';
import type { Database, EncountersTable } from '../schema';

export type EncounterRow = Selectable<EncountersTable>;

/** The encounters the front desk opens and closes through the appointment flow. */
export class EncounterRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async openForAppointment(encounter: {
    id: string;
    patientId: string;
    providerId: string;
    appointmentId: string;
    locationId: string | null;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('encounters')
      .values({
        id: encounter.id,
        patient_id: encounter.patientId,
        provider_id: encounter.providerId,
        appointment_id: encounter.appointmentId,
        location_id: encounter.locationId,
        // Planned until the patient is in the room with the provider.
        status: 'planned',
        chief_complaint: null,
        started_at: null,
        ended_at: null,
        created_at: encounter.now,
        updated_at: encounter.now,
      })
      .execute();
  }

  findForAppointment(appointmentId: string): Promise<EncounterRow | undefined> {
    return this.db
      .selectFrom('encounters')
      .selectAll()
      .where('appointment_id', '=', appointmentId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
  }

  async setStatus(
    id: string,
    changes: Partial<Pick<EncounterRow, 'status' | 'started_at' | 'ended_at' | 'location_id'>>,
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('encounters')
      .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }
}
