import type { Kysely } from 'kysely';
import type { queueContract } from '../../../common/contract/queue.contract';
import type { scheduleContract } from '../../../common/contract/schedule.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { IdGenerator } from '../../ports/id-generator';
import { createBookingHandlers } from './booking-handlers';
import { ClinicTimeZone } from './clinic-time-zone';
import { createQueueHandlers } from './queue-handlers';
import { createScheduleSetupHandlers } from './schedule-setup-handlers';
import { createScheduleViewHandlers } from './schedule-view-handlers';

export interface SchedulingDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
  /** The zone a clinic gets on first use; the workstation's own by default. */
  defaultTimeZone?: () => string;
}

/** Scheduling and the front-desk queue share one clinic time zone (and its cache). */
export function createSchedulingHandlers(deps: SchedulingDeps): Handlers<typeof scheduleContract> & Handlers<typeof queueContract> {
  const scheduleDeps = { ...deps, timeZone: new ClinicTimeZone(deps.db, deps.clock, deps.defaultTimeZone) };
  return {
    ...createScheduleSetupHandlers(scheduleDeps),
    ...createBookingHandlers(scheduleDeps),
    ...createScheduleViewHandlers(scheduleDeps),
    ...createQueueHandlers(scheduleDeps),
  };
}
