import { z } from 'zod';
import type { MethodAccess } from '../rpc/method';
import { InstantSchema } from '../domain/ids';
import { AppointmentStatusSchema } from '../domain/scheduling';
import { CapturedReadingSchema } from '../domain/captures';
import { DeviceStatusSchema, MonitorChunkSchema } from '../domain/devices';
import { CriticalAlertSchema } from '../domain/critical-results';
import type { Permission } from '../domain/permissions';

export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  /** Only connections whose session holds this permission (or one of these) receive the event. */
  readonly access: MethodAccess | readonly Permission[];
}

function event<P extends z.ZodType>(def: EventDef<P>): EventDef<P> {
  return def;
}

/** Main -> renderer push events. Later capabilities add device readings, sync status, the queue. */
export const eventsContract = {
  'session.ended': event({
    access: 'session.self',
    payload: z.object({ reason: z.enum(['logout', 'expired', 'deactivated']) }),
  }),
  'users.changed': event({
    access: 'users.manage',
    payload: z.object({ userId: z.string(), change: z.enum(['created', 'updated', 'deactivated', 'reactivated']) }),
  }),
  'clinic.changed': event({
    access: 'schedule.read',
    payload: z.object({ entity: z.enum(['organization', 'location', 'provider']), id: z.string() }),
  }),
  'schedule.changed': event({
    access: 'schedule.read',
    payload: z.object({
      change: z.enum(['booked', 'rescheduled', 'cancelled', 'no_show', 'status', 'types', 'hours', 'settings']),
      appointmentIds: z.array(z.string()),
      providerIds: z.array(z.string()),
    }),
  }),
  'queue.changed': event({
    access: 'schedule.read',
    payload: z.object({ appointmentId: z.string(), status: AppointmentStatusSchema }),
  }),
  'devices.status': event({
    access: ['devices.manage', 'devices.capture'],
    payload: DeviceStatusSchema,
  }),
  'devices.monitor': event({
    access: 'devices.manage',
    payload: MonitorChunkSchema,
  }),
  /** A new reading (or a changed decision) for the capture panels; `reading.status` says which. */
  'capture.reading': event({
    access: 'devices.capture',
    payload: z.object({ reading: CapturedReadingSchema }),
  }),
  'capture.focus': event({
    access: 'devices.capture',
    payload: z.object({ locationId: z.string(), encounterId: z.string().nullable() }),
  }),
  /** A critical result arrived: shown to `alert.responsibleUserId`, or to every physician when null. */
  'clinical.criticalAlert': event({
    access: 'clinical.sign',
    payload: z.object({ alert: CriticalAlertSchema }),
  }),
  'system.heartbeat': event({
    access: 'public',
    payload: z.object({ at: InstantSchema }),
  }),
} as const;

export type EventsContract = typeof eventsContract;
export type EventName = keyof EventsContract & string;
export type EventPayload<E extends EventName> = z.output<EventsContract[E]['payload']>;
export interface PushEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
