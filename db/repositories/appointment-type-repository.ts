import type { Kysely, Selectable } from 'kysely';
import type { AppointmentType } from '../../common/domain/scheduling';
import type { AppointmentTypesTable, Database } from '../schema';

export type AppointmentTypeRow = Selectable<AppointmentTypesTable>;

export function toAppointmentType(row: AppointmentTypeRow): AppointmentType {
  return {
    id: row.id,
    name: row.name,
    durationMinutes: row.duration_minutes,
    colour: row.colour,
    active: row.active === 1,
    version: row.version,
  };
}

export interface AppointmentTypeFields {
  name: string;
  durationMinutes: number;
  colour: AppointmentTypeRow['colour'];
  active: boolean;
}

export class AppointmentTypeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(includeInactive: boolean): Promise<AppointmentTypeRow[]> {
    let query = this.db.selectFrom('appointment_types').selectAll().where('deleted', '=', 0);
    if (!includeInactive) query = query.where('active', '=', 1);
    return query.orderBy('name').execute();
  }

  findById(id: string): Promise<AppointmentTypeRow | undefined> {
    return this.db.selectFrom('appointment_types').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  }

  /** Case-insensitive, like the unique index. */
  findByName(name: string): Promise<AppointmentTypeRow | undefined> {
    return this.db
      .selectFrom('appointment_types')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .where('deleted', '=', 0)
      .executeTakeFirst();
  }

  async insert(type: AppointmentTypeFields & { id: string; organizationId: string; now: string }): Promise<AppointmentTypeRow> {
    await this.db
      .insertInto('appointment_types')
      .values({
        id: type.id,
        organization_id: type.organizationId,
        name: type.name,
        duration_minutes: type.durationMinutes,
        colour: type.colour,
        active: type.active ? 1 : 0,
        created_at: type.now,
        updated_at: type.now,
      })
      .execute();
    return (await this.findById(type.id))!;
  }

  /** Optimistic: applies only at `expectedVersion`; undefined when the row changed meanwhile. */
  async update(id: string, expectedVersion: number, fields: AppointmentTypeFields, now: string): Promise<AppointmentTypeRow | undefined> {
    const result = await this.db
      .updateTable('appointment_types')
      .set((eb) => ({
        name: fields.name,
        duration_minutes: fields.durationMinutes,
        colour: fields.colour,
        active: fields.active ? 1 : 0,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? this.findById(id) : undefined;
  }
}
