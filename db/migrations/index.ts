import type { Migration } from './migration';
import { migration0001 } from './0001-clinic-and-users';
import { migration0002 } from './0002-patients';
import { migration0003 } from './0003-providers-appointments-encounters';
import { migration0004 } from './0004-observations-orders-care-plans';
import { migration0005 } from './0005-audit-events';
import { migration0006 } from './0006-sync-bookkeeping';
import { migration0007 } from './0007-patient-search-and-history';
import { migration0008 } from './0008-schedules-and-appointment-types';
import { migration0009 } from './0009-device-journal-and-captures';
import { migration0010 } from './0010-pending-readings-index';
import { migration0011 } from './0011-clinical-notes';
import { migration0012 } from './0012-allergies-and-orders';
import { migration0013 } from './0013-problems-medications-care-plans';
import { migration0014 } from './0014-critical-results';
import { migration0015 } from './0015-chart-indexes';

/** Static and ordered: a bundler sees every migration and the order can never depend on file names. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
];

export const LATEST_VERSION = MIGRATIONS.length;
export type { Migration } from './migration';
