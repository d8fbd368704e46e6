import { z } from 'zod';
import { method } from '../rpc/method';
import { InstantSchema, UuidSchema } from '../domain/ids';
import {
  AppointmentColourSchema,
  AppointmentSchema,
  AppointmentTypeNameSchema,
  AppointmentTypeSchema,
  DurationMinutesSchema,
  MAX_RECURRING_WEEKS,
  NotesSchema,
  ReasonSchema,
  WorkingHoursEntrySchema,
  WorkingHoursKindSchema,
} from '../domain/scheduling';
import { LocalDateSchema, TimeZoneSchema, WallTimeSchema } from '../domain/time-zone';

const VersionSchema = z.number({ error: 'Version must be a number' }).int({ error: 'Version must be a whole number' }).nonnegative();

/** Appointment times are UTC instants on a whole minute. */
export const AppointmentStartSchema = InstantSchema.refine((s) => Date.parse(s) % 60_000 === 0, {
  error: 'Start time must be on a whole minute',
});

const IntervalOutput = z.object({ startsAt: InstantSchema, endsAt: InstantSchema });

/** One provider's column of a day: bookable time and breaks, as instants. */
const ProviderDaySchema = z.object({
  providerId: UuidSchema,
  providerName: z.string(),
  date: LocalDateSchema,
  hours: z.array(IntervalOutput),
  breaks: z.array(IntervalOutput),
});
export type ProviderDay = z.infer<typeof ProviderDaySchema>;

export const DayViewSchema = z.object({
  date: LocalDateSchema,
  timeZone: z.string(),
  providers: z.array(ProviderDaySchema),
  appointments: z.array(AppointmentSchema),
});
export type DayView = z.infer<typeof DayViewSchema>;

export const WeekViewSchema = z.object({
  weekStart: LocalDateSchema,
  timeZone: z.string(),
  days: z.array(LocalDateSchema),
  providers: z.array(ProviderDaySchema),
  appointments: z.array(AppointmentSchema),
});
export type WeekView = z.infer<typeof WeekViewSchema>;

export const RECURRING_OUTCOMES = ['booked', 'conflict', 'not_booked'] as const;
export const RecurringResultSchema = z.object({
  recurrenceGroupId: UuidSchema.nullable(),
  bookedCount: z.number().int(),
  conflictCount: z.number().int(),
  occurrences: z.array(
    z.object({
      startsAt: InstantSchema,
      endsAt: InstantSchema,
      outcome: z.enum(RECURRING_OUTCOMES),
      appointmentId: UuidSchema.nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type RecurringResult = z.infer<typeof RecurringResultSchema>;

const bookingFields = {
  patientId: UuidSchema,
  providerId: UuidSchema,
  typeId: UuidSchema,
  startsAt: AppointmentStartSchema,
  locationId: UuidSchema.optional(),
  notes: NotesSchema.optional(),
};

export const scheduleContract = {
  'schedule.settings': method({
    summary: 'Read the clinic time zone the schedule runs in',
    access: 'schedule.read',
    input: z.strictObject({}),
    output: z.object({ timeZone: z.string() }),
  }),
  'schedule.setTimeZone': method({
    summary: 'Set the clinic time zone for working hours',
    access: 'clinic.manage',
    input: z.strictObject({ timeZone: TimeZoneSchema }),
    output: z.object({ timeZone: z.string() }),
  }),
  'schedule.listAppointmentTypes': method({
    summary: 'List appointment types',
    access: 'schedule.read',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(AppointmentTypeSchema),
  }),
  'schedule.saveAppointmentType': method({
    summary: 'Create an appointment type, or change one (with its version)',
    access: 'clinic.manage',
    input: z.strictObject({
      id: UuidSchema.optional(),
      expectedVersion: VersionSchema.optional(),
      name: AppointmentTypeNameSchema,
      durationMinutes: DurationMinutesSchema,
      colour: AppointmentColourSchema,
      active: z.boolean().default(true),
    }),
    output: AppointmentTypeSchema,
  }),
  'schedule.workingHours': method({
    summary: 'Read a provider’s working hours and breaks',
    access: 'schedule.read',
    input: z.strictObject({ providerId: UuidSchema }),
    output: z.array(WorkingHoursEntrySchema),
  }),
  'schedule.addWorkingHours': method({
    summary: 'Add working hours or a break to a provider’s week',
    access: 'clinic.manage',
    input: z.strictObject({
      providerId: UuidSchema,
      weekday: z.number({ error: 'Weekday must be a number' }).int({ error: 'Weekday must be 1 (Monday) to 7 (Sunday)' }).min(1, { error: 'Weekday must be 1 (Monday) to 7 (Sunday)' }).max(7, { error: 'Weekday must be 1 (Monday) to 7 (Sunday)' }),
      startTime: WallTimeSchema,
      endTime: WallTimeSchema,
      kind: WorkingHoursKindSchema,
      validFrom: LocalDateSchema.optional(),
      validTo: LocalDateSchema.optional(),
    }),
    output: z.array(WorkingHoursEntrySchema),
  }),
  'schedule.removeWorkingHours': method({
    summary: 'Remove working hours or a break from a provider’s week',
    access: 'clinic.manage',
    input: z.strictObject({ id: UuidSchema }),
    output: z.array(WorkingHoursEntrySchema),
  }),
  'schedule.book': method({
    summary: 'Book an appointment',
    access: 'schedule.write',
    input: z.strictObject(bookingFields),
    output: AppointmentSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'schedule.bookRecurring': method({
    summary: 'Book the same appointment weekly for a number of weeks',
    access: 'schedule.write',
    input: z.strictObject({
      ...bookingFields,
      weeks: z.number({ error: 'Weeks must be a number' }).int({ error: 'Weeks must be a whole number' }).min(2, { error: 'A recurring booking has at least 2 weeks' }).max(MAX_RECURRING_WEEKS, { error: `Weeks must be at most ${MAX_RECURRING_WEEKS}` }),
      /** false: book every free week and report the rest; true: book nothing unless every week is free. */
      allOrNothing: z.boolean().default(false),
    }),
    output: RecurringResultSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'schedule.reschedule': method({
    summary: 'Move an appointment to another time or provider',
    access: 'schedule.write',
    input: z.strictObject({
      id: UuidSchema,
      expectedVersion: VersionSchema,
      startsAt: AppointmentStartSchema,
      providerId: UuidSchema.optional(),
    }),
    output: AppointmentSchema,
  }),
  'schedule.cancel': method({
    summary: 'Cancel an appointment, with the reason',
    access: 'schedule.write',
    input: z.strictObject({ id: UuidSchema, expectedVersion: VersionSchema, reason: ReasonSchema }),
    output: AppointmentSchema,
  }),
  'schedule.markNoShow': method({
    summary: 'Record that the patient did not come',
    access: 'schedule.write',
    input: z.strictObject({ id: UuidSchema, expectedVersion: VersionSchema }),
    output: AppointmentSchema,
  }),
  'schedule.walkIn': method({
    summary: 'Register a walk-in: the next free slot today, already arrived',
    access: 'schedule.write',
    input: z.strictObject({ patientId: UuidSchema, providerId: UuidSchema.optional(), typeId: UuidSchema, notes: NotesSchema.optional() }),
    output: AppointmentSchema,
    patientIdOf: (input) => input.patientId,
  }),
  'schedule.day': method({
    summary: 'The day’s appointments, for one provider or the whole clinic',
    access: 'schedule.read',
    input: z.strictObject({ date: LocalDateSchema, providerId: UuidSchema.optional() }),
    output: DayViewSchema,
  }),
  'schedule.week': method({
    summary: 'Seven days of appointments from a start date, for one provider or the whole clinic',
    access: 'schedule.read',
    input: z.strictObject({ weekStart: LocalDateSchema, providerId: UuidSchema.optional() }),
    output: WeekViewSchema,
  }),
  'schedule.nextFreeSlot': method({
    summary: 'The earliest free slot of a provider for an appointment type',
    access: 'schedule.read',
    input: z.strictObject({ providerId: UuidSchema, typeId: UuidSchema, after: InstantSchema.optional() }),
    output: z.object({ slot: IntervalOutput.nullable() }),
  }),
} as const;
