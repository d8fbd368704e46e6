import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOWSHEET_CODES } from '../../../common/domain/chart';
import { RESULT_GROUPS_SQL, SERIES_COUNT_SQL, SERIES_SQL } from '../../../db/repositories/chart-repository';
import { IDS, insertObservation, insertOrganization, insertPatient } from '../../support/migration-fixtures';
import { expectUsesIndex, useMigrationStores } from '../../support/migration-test-kit';
import { indexNames } from '../../support/temp-store';

const stores = useMigrationStores();
const planOf = (raw: Parameters<typeof expectUsesIndex>[0], sql: string, ...params: unknown[]) =>
  (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join(' ');

describe('migration 0015 chart-indexes', () => {
  it('indexes live observations by patient, code, time and value, and results by time, keeping the observations charted', () => {
    const { raw } = stores.migrated({
      to: 15,
      seed: (raw) => {
        insertOrganization(raw);
        insertPatient(raw);
        insertObservation(raw);
      },
    });
    expect(indexNames(raw, 'observations')).toEqual(expect.arrayContaining(['observations_chart_by_code', 'observations_results_by_time']));
    expect(raw.prepare('SELECT code, value_text FROM observations').all()).toEqual([{ code: '8310-5', value_text: '37.0' }]);

    // A flowsheet series is counted and downsampled inside the covering index: no table row read.
    const range = { patient: IDS.patient, code: '8310-5', from: '2016-01-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z' };
    expectUsesIndex(raw, SERIES_COUNT_SQL, 'observations_chart_by_code', range);
    expect(planOf(raw, SERIES_COUNT_SQL, range)).toContain('COVERING INDEX observations_chart_by_code (patient_id=? AND code=? AND observed_at>? AND observed_at<?)');
    expect(raw.prepare(SERIES_COUNT_SQL).get(range)).toEqual({ n: 1 });
    // The same range read row by row (the benchmark's baseline) uses it too, in its order.
    const rows = [range.patient, range.code, range.from, range.to];
    expectUsesIndex(raw, SERIES_SQL, 'observations_chart_by_code', ...rows);
    expect(planOf(raw, SERIES_SQL, ...rows)).not.toContain('TEMP B-TREE');

    // The timeline's results: the partial index matches only while its frozen list equals the vital signs of today.
    const results = RESULT_GROUPS_SQL(DEFAULT_FLOWSHEET_CODES);
    expectUsesIndex(raw, results, 'observations_results_by_time', IDS.patient, '', '~', 10);
    expect(planOf(raw, results, IDS.patient, '', '~', 10)).not.toContain('TEMP B-TREE');
  });
});
