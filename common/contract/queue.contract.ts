import { z } from 'zod';
import { method } from '../rpc/method';
import { InstantSchema, UuidSchema } from '../domain/ids';
import { AppointmentSchema } from '../domain/scheduling';
import { LocalDateSchema } from '../domain/time-zone';

export const QueueEntrySchema = AppointmentSchema.extend({
  /** Arrived: minutes since arrival, now. In room or done: how long they waited. Booked: null. */
  waitingMinutes: z.number().int().nullable(),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

export const QueueTodaySchema = z.object({
  date: LocalDateSchema,
  timeZone: z.string(),
  now: InstantSchema,
  entries: z.array(QueueEntrySchema),
});
export type QueueToday = z.infer<typeof QueueTodaySchema>;

export const queueContract = {
  'queue.today': method({
    summary: 'Today’s appointments at the front desk: expected, waiting, in a room, done',
    access: 'schedule.read',
    input: z.strictObject({}),
    output: QueueTodaySchema,
  }),
  'queue.checkIn': method({
    summary: 'Check a patient in for their appointment (opens the encounter)',
    access: 'schedule.write',
    input: z.strictObject({ appointmentId: UuidSchema }),
    output: AppointmentSchema,
  }),
  'queue.moveToRoom': method({
    summary: 'Take an arrived patient into a room',
    access: 'schedule.write',
    input: z.strictObject({ appointmentId: UuidSchema, locationId: UuidSchema.optional() }),
    output: AppointmentSchema,
  }),
  'queue.complete': method({
    summary: 'Finish a visit',
    access: 'schedule.write',
    input: z.strictObject({ appointmentId: UuidSchema }),
    output: AppointmentSchema,
  }),
} as const;
