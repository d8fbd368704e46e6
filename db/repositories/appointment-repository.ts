import type { Kysely, Selectable } from 'kysely';
import {
  OCCUPYING_STATUSES,
  personName,
  type Appointment,
  type AppointmentStatus,
  type Interval,
} from '../../common/domain/scheduling';
import type { AppointmentsTable, Database } from '../schema';
import { updateAtVersion } from './update-at-version';

export type AppointmentRow = Selectable<AppointmentsTable>;

/** One appointment with the names every view shows, read in one joined query. */
export interface AppointmentViewRow {
  id: string;
  patient_id: string;
  provider_id: string;
  appointment_type_id: string | null;
  appointment_type: string;
  starts_at: string;
  ends_at: string;
  status: AppointmentStatus;
  walk_in: number;
  recurrence_group_id: string | null;
  location_id: string | null;
  room_id: string | null;
  arrived_at: string | null;
  in_room_at: string | null;
  completed_at: string | null;
  cancel_reason: string | null;
  notes: string | null;
  version: number;
  patient_given_name: string;
  patient_family_name: string;
  mrn: string;
  provider_given_name: string;
  provider_family_name: string;
  type_name: string | null;
  type_colour: Appointment['colour'] | null;
  room_name: string | null;
  encounter_id: string | null;
}

export function toAppointment(row: AppointmentViewRow): Appointment {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: personName({ givenName: row.patient_given_name, familyName: row.patient_family_name }),
    mrn: row.mrn,
    providerId: row.provider_id,
    providerName: personName({ givenName: row.provider_given_name, familyName: row.provider_family_name }),
    typeId: row.appointment_type_id,
    // The type's current name; appointments made before types existed keep their free-text label.
    typeName: row.type_name ?? row.appointment_type,
    colour: row.type_colour ?? 'grey',
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    walkIn: row.walk_in === 1,
    recurrenceGroupId: row.recurrence_group_id,
    locationId: row.location_id,
    roomId: row.room_id,
    roomName: row.room_name,
    arrivedAt: row.arrived_at,
    inRoomAt: row.in_room_at,
    completedAt: row.completed_at,
    cancelReason: row.cancel_reason,
    notes: row.notes,
    encounterId: row.encounter_id,
    version: row.version,
  };
}

export interface NewAppointment {
  id: string;
  patientId: string;
  providerId: string;
  typeId: string;
  typeName: string;
  startsAt: string;
  endsAt: string;
  locationId: string | null;
  notes: string | null;
  walkIn: boolean;
  recurrenceGroupId: string | null;
  status: 'booked' | 'arrived';
  arrivedAt: string | null;
  now: string;
}

export type AppointmentChanges = Partial<
  Pick<
    AppointmentRow,
    'provider_id' | 'starts_at' | 'ends_at' | 'status' | 'cancel_reason' | 'arrived_at' | 'room_id' | 'in_room_at' | 'completed_at'
  >
>;

export class AppointmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private view() {
    return this.db
      .selectFrom('appointments as a')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .innerJoin('providers as pr', 'pr.id', 'a.provider_id')
      .leftJoin('appointment_types as t', 't.id', 'a.appointment_type_id')
      .leftJoin('locations as r', 'r.id', 'a.room_id')
      .leftJoin('encounters as e', (join) => join.onRef('e.appointment_id', '=', 'a.id').on('e.deleted', '=', 0))
      .select([
        'a.id',
        'a.patient_id',
        'a.provider_id',
        'a.appointment_type_id',
        'a.appointment_type',
        'a.starts_at',
        'a.ends_at',
        'a.status',
        'a.walk_in',
        'a.recurrence_group_id',
        'a.location_id',
        'a.room_id',
        'a.arrived_at',
        'a.in_room_at',
        'a.completed_at',
        'a.cancel_reason',
        'a.notes',
        'a.version',
        'p.given_name as patient_given_name',
        'p.family_name as patient_family_name',
        'p.mrn',
        'pr.given_name as provider_given_name',
        'pr.family_name as provider_family_name',
        't.name as type_name',
        't.colour as type_colour',
        'r.name as room_name',
        'e.id as encounter_id',
      ])
      .where('a.deleted', '=', 0);
  }

  /** Appointments starting in [from, to), for one provider or the whole clinic, in time order. */
  listStarting(from: string, to: string, providerId: string | null): Promise<AppointmentViewRow[]> {
    let query = this.view().where('a.starts_at', '>=', from).where('a.starts_at', '<', to);
    if (providerId !== null) query = query.where('a.provider_id', '=', providerId);
    return query.orderBy('a.starts_at').orderBy('pr.family_name').execute() as Promise<AppointmentViewRow[]>;
  }

  /** Appointments starting in [from, to) whose status is one of `statuses`. */
  listStartingWithStatus(from: string, to: string, statuses: readonly AppointmentStatus[]): Promise<AppointmentViewRow[]> {
    return this.view()
      .where('a.starts_at', '>=', from)
      .where('a.starts_at', '<', to)
      .where('a.status', 'in', statuses)
      .orderBy('a.starts_at')
      .execute() as Promise<AppointmentViewRow[]>;
  }

  findView(id: string): Promise<AppointmentViewRow | undefined> {
    return this.view().where('a.id', '=', id).executeTakeFirst() as Promise<AppointmentViewRow | undefined>;
  }

  findById(id: string): Promise<AppointmentRow | undefined> {
    return this.db.selectFrom('appointments').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  }

  /** The provider's time held by appointments overlapping [from, to), except `exceptId`. */
  async busyFor(providerId: string, from: string, to: string, exceptId: string | null = null): Promise<(Interval & { id: string })[]> {
    let query = this.db
      .selectFrom('appointments')
      .select(['id', 'starts_at', 'ends_at'])
      .where('provider_id', '=', providerId)
      .where('deleted', '=', 0)
      .where('status', 'in', OCCUPYING_STATUSES)
      .where('starts_at', '<', to)
      .where('ends_at', '>', from);
    if (exceptId !== null) query = query.where('id', '<>', exceptId);
    const rows = await query.orderBy('starts_at').execute();
    return rows.map((r) => ({ id: r.id, start: Date.parse(r.starts_at), end: Date.parse(r.ends_at) }));
  }

  async insert(a: NewAppointment): Promise<void> {
    await this.db
      .insertInto('appointments')
      .values({
        id: a.id,
        patient_id: a.patientId,
        provider_id: a.providerId,
        location_id: a.locationId,
        appointment_type: a.typeName,
        appointment_type_id: a.typeId,
        starts_at: a.startsAt,
        ends_at: a.endsAt,
        status: a.status,
        cancel_reason: null,
        arrived_at: a.arrivedAt,
        notes: a.notes,
        walk_in: a.walkIn ? 1 : 0,
        recurrence_group_id: a.recurrenceGroupId,
        room_id: null,
        in_room_at: null,
        completed_at: null,
        created_at: a.now,
        updated_at: a.now,
      })
      .execute();
  }

  /** Optimistic: applies only at `expectedVersion`; false when the row changed meanwhile. */
  async update(id: string, expectedVersion: number, changes: AppointmentChanges, now: string): Promise<boolean> {
    return updateAtVersion(this.db, 'appointments', id, expectedVersion, changes, now);
  }
}
