import type { ChartObservation } from '../../../common/domain/captures';
import { criticalReasonOf, type CriticalRange } from '../../../common/domain/critical-results';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateTime } from '../../ui/format-date-time';
import { LoadingMessage } from '../../ui/loading-message';
import { flagText } from './encounter-format';

const VITALS_SHOWN = 100;

const SOURCE_LABELS: Readonly<Record<ChartObservation['source'], string>> = { manual: 'Manual', device: 'Device', import: 'Imported' };

const LOINC_SYSTEM = 'http://loinc.org';

/** Why a charted value is critical under the clinic's ranges (or its own HH/LL flag), or null. */
function criticalOf(o: ChartObservation, ranges: readonly CriticalRange[]): string | null {
  return criticalReasonOf({ loinc: o.codeSystem === LOINC_SYSTEM ? o.code : null, value: o.value, unit: o.unit, flags: o.flags }, ranges);
}

const columnsFor = (ranges: readonly CriticalRange[]): Column<ChartObservation>[] => [
  { header: 'Time', cell: (o) => <time dateTime={o.observedAt}>{formatDateTime(o.observedAt, true)}</time> },
  { header: 'Measurement', rowHeader: true, cell: (o) => o.display ?? o.code },
  {
    header: 'Value',
    cell: (o) => {
      const critical = criticalOf(o, ranges);
      return (
        <>
          {o.value === null ? '—' : `${o.value}${o.unit ? ` ${o.unit}` : ''}`}
          {critical ? (
            <span className="badge badge--danger reading-flag" title={critical}>
              Critical<span className="visually-hidden">: {critical}</span>
            </span>
          ) : null}
        </>
      );
    },
  },
  { header: 'Source', cell: (o) => (o.source === 'device' && o.deviceName ? o.deviceName : SOURCE_LABELS[o.source]) },
  {
    header: 'Flags',
    cell: (o) =>
      o.flags.length === 0 ? <span className="muted">—</span> : o.flags.map((f) => (
        <span key={f} className="badge badge--warn reading-flag">
          {flagText(f)}
        </span>
      )),
  },
];

/** The patient's charted vitals and results, newest first. `refresh` changes when readings were charted. */
export function VitalsPanel({ patientId, refresh }: { patientId: string; refresh: number }) {
  const client = useClient();
  const vitals = useApiQuery(() => client.api.observations.list({ patientId, limit: VITALS_SHOWN }), [client, patientId, refresh]);
  const ranges = useApiQuery(() => client.api.criticalResults.ranges({}), [client]);
  const columns = columnsFor(ranges.data ?? []);
  return (
    <section className="card encounter-panel" aria-labelledby="vitals-title">
      <h2 id="vitals-title">Vitals</h2>
      {vitals.error ? <ErrorBanner error={vitals.error} onRetry={vitals.reload} /> : null}
      {!vitals.data && !vitals.error ? <LoadingMessage /> : null}
      {vitals.data ? (
        <DataTable caption="Charted observations, newest first" captionHidden columns={columns} rows={vitals.data} rowKey={(o) => o.id} emptyMessage="Nothing charted yet." />
      ) : null}
    </section>
  );
}
