import type { Kysely } from 'kysely';
import type { criticalResultsContract } from '../../../common/contract/critical-results.contract';
import type { Handlers, HandlerContext } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { CriticalAlertRepository } from '../../../db/repositories/critical-alert-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { CriticalResultMonitor } from './critical-result-monitor';

function callerOf(ctx: HandlerContext): string {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.session.userId;
}

export function createCriticalResultHandlers(deps: { db: Kysely<Database>; clock: Clock; monitor: CriticalResultMonitor }): Handlers<typeof criticalResultsContract> {
  const alerts = new CriticalAlertRepository(deps.db);
  return {
    'criticalResults.open': async (input, ctx) => {
      const userId = callerOf(ctx);
      const open = await alerts.list({ open: true });
      return input.scope === 'all' ? open : open.filter((a) => a.responsibleUserId === null || a.responsibleUserId === userId);
    },

    'criticalResults.acknowledge': async (input, ctx) => {
      const userId = callerOf(ctx);
      const [alert] = await alerts.list({ ids: [input.alertId] });
      if (!alert) throw new AppError('NOT_FOUND', 'No such critical result', 'alertId');
      ctx.auditPatient(alert.patient.id);
      if (alert.responsibleUserId !== null && alert.responsibleUserId !== userId) {
        throw new AppError('FORBIDDEN', 'Only the responsible physician acknowledges this critical result', 'alertId');
      }
      const note = input.note === undefined || input.note === '' ? null : input.note;
      if (!(await alerts.acknowledge(alert.id, userId, note, deps.clock.now().toISOString()))) {
        throw new AppError('CONFLICT', 'This critical result was already acknowledged', 'alertId');
      }
      const [done] = await alerts.list({ ids: [alert.id] });
      return done!;
    },

    'criticalResults.ranges': () => deps.monitor.ranges(),

    'criticalResults.setRanges': async (input) => {
      await deps.monitor.setRanges(input.ranges);
      return deps.monitor.ranges();
    },
  };
}
