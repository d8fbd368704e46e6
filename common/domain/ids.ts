import { z } from 'zod';

/** Every synced row is identified by a UUID so workstations can create rows offline without clashes. */
export const UuidSchema = z.uuid({ message: 'must be a UUID' });
export type Uuid = z.infer<typeof UuidSchema>;

/** ISO-8601 instant in UTC, as stored and exchanged (e.g. 2026-11-25T12:00:00.000Z). */
export const InstantSchema = z.iso.datetime({ offset: false, message: 'must be an ISO-8601 UTC time' });
export type Instant = z.infer<typeof InstantSchema>;
