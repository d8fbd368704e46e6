import { useMemo, useState } from 'react';
import type { FlowsheetPoint, FlowsheetSeries } from '../../../common/domain/chart';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateTime } from '../../ui/format-date-time';
import { LoadingMessage } from '../../ui/loading-message';
import { SelectField } from '../../ui/select-field';
import { TrendChart } from '../../ui/trend-chart';

const RANGES = [
  { value: 'all', label: 'All time', years: null },
  { value: '1', label: 'Last year', years: 1 },
  { value: '5', label: 'Last 5 years', years: 5 },
  { value: '10', label: 'Last 10 years', years: 10 },
] as const;

/** Time columns shown before "Show all". */
const COLUMNS_SHOWN = 12;

const shortDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'short' });

function cellText(point: FlowsheetPoint, series: FlowsheetSeries): string {
  const value = point.value ?? '—';
  return point.unit && point.unit !== series.unit ? `${value} ${point.unit}` : value;
}

function FlowsheetTable({ series }: { series: readonly FlowsheetSeries[] }) {
  const [showAll, setShowAll] = useState(false);
  const times = useMemo(() => [...new Set(series.flatMap((s) => s.points.map((p) => p.time)))].sort().reverse(), [series]);
  const byMeasure = useMemo(() => new Map(series.map((s) => [s.code, new Map(s.points.map((p) => [p.time, p]))])), [series]);
  const shown = showAll ? times : times.slice(0, COLUMNS_SHOWN);
  return (
    <>
      <div className="data-table flowsheet__scroll">
        <table className="data-table__table flowsheet__table">
          <caption className="data-table__caption">Vitals over time, newest first (values as measured)</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              {shown.map((t) => (
                <th key={t} scope="col">
                  <time dateTime={t}>{formatDateTime(t, true)}</time>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.code}>
                <th scope="row">
                  {s.display}
                  {s.unit ? <span className="muted"> ({s.unit})</span> : null}
                </th>
                {shown.map((t) => {
                  const point = byMeasure.get(s.code)?.get(t);
                  return (
                    <td key={t} className={point && point.flags.length > 0 ? 'flowsheet__cell flowsheet__cell--flagged' : 'flowsheet__cell'}>
                      {point ? cellText(point, s) : ''}
                      {point && point.flags.length > 0 ? <span className="visually-hidden"> (flagged {point.flags.join(', ')})</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {times.length > COLUMNS_SHOWN ? (
        <Button variant="quiet" onClick={() => setShowAll((v) => !v)}>
          {showAll ? `Show the latest ${COLUMNS_SHOWN} times` : `Show all ${times.length} times`}
        </Button>
      ) : null}
    </>
  );
}

function SeriesChart({ series }: { series: FlowsheetSeries }) {
  const points = series.points.filter((p) => p.numeric !== null).map((p) => ({ t: Date.parse(p.time), v: p.numeric as number, flagged: p.flags.length > 0 }));
  const band = series.plausible ? { ...series.plausible, label: `Plausible ${series.plausible.min}–${series.plausible.max} ${series.unit ?? ''}` } : null;
  const latest = series.points.at(-1);
  const caption = `${series.display}${series.unit ? ` (${series.unit})` : ''}: ${series.total} reading${series.total === 1 ? '' : 's'}${
    series.downsampled ? `, ${series.points.length} shown (lowest, highest and last per period)` : ''
  }${latest ? `, latest ${latest.value ?? '—'}` : ''}${series.referenceRange ? `, reference ${series.referenceRange}` : ''}${band ? `, ${band.label.charAt(0).toLowerCase()}${band.label.slice(1)}` : ''}`;
  return (
    <figure className="flowsheet__chart">
      <TrendChart points={points} band={band} label={`Trend of ${series.display}`} unit={series.unit ?? ''} formatTime={(t) => shortDate.format(new Date(t))} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** The flowsheet: the vitals table (the data) and a trend chart per measure (the same data, drawn). */
export function FlowsheetSection({ patientId }: { patientId: string }) {
  const client = useClient();
  const [range, setRange] = useState<(typeof RANGES)[number]['value']>('all');
  const flowsheet = useApiQuery(() => {
    const years = RANGES.find((r) => r.value === range)?.years ?? null;
    const from = years === null ? undefined : new Date(Date.now() - years * 365.25 * 86_400_000).toISOString();
    return client.api.chart.flowsheet({ patientId, ...(from ? { from } : {}) });
  }, [client, patientId, range]);
  const withData = flowsheet.data?.series.filter((s) => s.points.length > 0) ?? [];

  return (
    <section className="card chart-section" aria-labelledby="flowsheet-title">
      <h2 id="flowsheet-title">Flowsheet</h2>
      <SelectField
        label="Period"
        name="flowsheet-range"
        value={range}
        onChange={setRange}
        options={RANGES.map((r) => ({ value: r.value, label: r.label }))}
      />
      {flowsheet.error ? <ErrorBanner error={flowsheet.error} onRetry={flowsheet.reload} /> : null}
      {!flowsheet.data && !flowsheet.error ? <LoadingMessage /> : null}
      {flowsheet.data && withData.length === 0 ? <p className="muted">No vitals charted in this period.</p> : null}
      {withData.length > 0 ? (
        <>
          <FlowsheetTable series={withData} />
          <h3 className="flowsheet__trends-title">Trends</h3>
          <div className="flowsheet__charts">
            {withData.map((s) => (
              <SeriesChart key={s.code} series={s} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
