import { DEFAULT_FLOWSHEET_CODES, downsampleBuckets, FLOWSHEET_MAX_POINTS, vitalSignOf, type FlowsheetPoint, type FlowsheetSeries } from '../../../common/domain/chart';
import { observationCodeByLoinc } from '../../../common/domain/observation-codes';
import type { ChartReader, SeriesRow } from '../../../db/repositories/chart-repository';

const BEGINNING = '0000-01-01T00:00:00.000Z';
const END = '9999-12-31T23:59:59.999Z';

export interface FlowsheetQuery {
  patientId: string;
  from?: string;
  to?: string;
  measures?: readonly string[];
}

function pointOf(row: SeriesRow): FlowsheetPoint {
  return {
    observationId: row.id,
    time: row.observed_at,
    value: row.value_text,
    numeric: row.value_numeric,
    unit: row.unit,
    source: row.source,
    flags: row.interpretation ? (JSON.parse(row.interpretation) as string[]) : [],
  };
}

/**
 * Each measure is counted in its covering index. Up to FLOWSHEET_MAX_POINTS it is returned
 * whole; beyond, the range is cut into FLOWSHEET_MAX_POINTS / 3 equal time buckets and each keeps
 * its lowest, highest and last value (`BUCKET_PICK_SQL`). Either way only the points returned are
 * read from the table.
 */
export function readFlowsheet(reader: ChartReader, q: FlowsheetQuery): FlowsheetSeries[] {
  const from = q.from ?? BEGINNING;
  const to = q.to ?? END;
  return (q.measures ?? DEFAULT_FLOWSHEET_CODES).map((code) => {
    const total = reader.seriesCount(q.patientId, code, from, to);
    let rowids: number[];
    if (total <= FLOWSHEET_MAX_POINTS) rowids = total === 0 ? [] : reader.seriesRowids(q.patientId, code, from, to);
    else {
      // An open end of the range is where the data is: ask the index for the first or last time.
      const first = q.from ?? reader.seriesEdge(q.patientId, code, from, to, 'first');
      const last = q.to ?? reader.seriesEdge(q.patientId, code, from, to, 'last');
      rowids = reader.bucketPicks(q.patientId, code, downsampleBuckets(Date.parse(first), Date.parse(last)));
    }
    const rows = reader.seriesRows(rowids);
    const known = vitalSignOf(code) ?? observationCodeByLoinc(code);
    let referenceRange: string | null = null;
    for (let i = rows.length - 1; i >= 0 && referenceRange === null; i--) referenceRange = rows[i]!.reference_range;
    return {
      code,
      display: known?.display ?? code,
      unit: known?.ucum ?? rows.at(-1)?.unit ?? null,
      plausible: known?.plausible ?? null,
      referenceRange,
      total,
      downsampled: rows.length < total,
      points: rows.map(pointOf),
    };
  });
}
