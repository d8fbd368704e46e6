import type { Kysely } from 'kysely';
import type { chartContract } from '../../../common/contract/chart.contract';
import { localDateOf } from '../../../common/domain/time-zone';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { ChartRepository, type ChartReader } from '../../../db/repositories/chart-repository';
import type { Database } from '../../../db/schema';
import type { SqliteConnection } from '../../../db/sqlite-driver';
import type { Clock } from '../../ports/clock';
import { ClinicTimeZone } from '../schedule/clinic-time-zone';
import { readFlowsheet } from './chart-flowsheet';
import { readChartSummary } from './chart-summary';
import { readTimelinePage } from './chart-timeline';

export interface ChartDeps {
  db: Kysely<Database>;
  raw: SqliteConnection;
  clock: Clock;
}

function requirePatient(reader: ChartReader, patientId: string): void {
  if (!reader.patientExists(patientId)) throw new AppError('NOT_FOUND', 'No such patient', 'patientId');
}

/** The patient chart: header summary, timeline and flowsheet, each one read of the store. */
export function createChartHandlers(deps: ChartDeps): Handlers<typeof chartContract> {
  const repo = new ChartRepository(deps.db, deps.raw);
  const zone = new ClinicTimeZone(deps.db, deps.clock);

  return {
    'chart.summary': async (input) => {
      const today = localDateOf(deps.clock.now().getTime(), await zone.get());
      return repo.read((reader) => {
        requirePatient(reader, input.patientId);
        return readChartSummary(reader, input.patientId, today);
      });
    },
    'chart.timeline': (input) =>
      repo.read((reader) => {
        requirePatient(reader, input.patientId);
        return readTimelinePage(reader, input);
      }),
    'chart.flowsheet': (input) =>
      repo.read((reader) => {
        requirePatient(reader, input.patientId);
        return { series: readFlowsheet(reader, input) };
      }),
  };
}
