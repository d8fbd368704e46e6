import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../../common/domain/chart';
import { Button } from '../../ui/button';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateTime } from '../../ui/format-date-time';
import { InputField } from '../../ui/input-field';
import { LoadingMessage } from '../../ui/loading-message';
import { PATHS } from '../shell/app-paths';
import { useTimeline } from './use-timeline';

/** A local calendar day as the UTC instant of its first (or last) millisecond. */
function dayBound(date: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const at = new Date(`${date}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function EntryItem({ entry }: { entry: TimelineEntry }) {
  const encounterId = entry.links.encounterId;
  return (
    <li className={`timeline__entry timeline__entry--${entry.kind}`}>
      <time className="timeline__time" dateTime={entry.time}>
        {formatDateTime(entry.time)}
      </time>
      <span className="tag timeline__kind">{TIMELINE_KIND_LABELS[entry.kind]}</span>
      <div className="timeline__body">
        <strong>{entry.title}</strong>
        {entry.status ? <span className="muted"> · {entry.status.replace('_', ' ')}</span> : null}
        {entry.summary ? <div className="timeline__summary">{entry.summary}</div> : null}
        {encounterId ? (
          <div>
            <Link to={PATHS.encounter.replace(':encounterId', encodeURIComponent(encounterId))}>Open encounter</Link>
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** Everything that happened to the patient, newest first, filtered by kind and dates, paged. */
export function TimelineSection({ patientId }: { patientId: string }) {
  const [kinds, setKinds] = useState<readonly TimelineKind[]>(TIMELINE_KINDS);
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const filter = useMemo(() => ({ kinds, from: dayBound(fromDate, false), to: dayBound(toDate, true) }), [kinds, fromDate, toDate]);
  const timeline = useTimeline(patientId, filter);
  const toggle = (kind: TimelineKind, on: boolean) =>
    setKinds((current) => {
      const next = on ? [...current, kind] : current.filter((k) => k !== kind);
      return next.length === 0 ? current : TIMELINE_KINDS.filter((k) => next.includes(k));
    });

  return (
    <section className="card chart-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <fieldset className="timeline__filters">
        <legend>Show</legend>
        {TIMELINE_KINDS.map((kind) => (
          <CheckboxField key={kind} name={`kind-${kind}`} label={TIMELINE_KIND_LABELS[kind]} checked={kinds.includes(kind)} onChange={(on) => toggle(kind, on)} />
        ))}
      </fieldset>
      <div className="timeline__range">
        <InputField label="From" name="timeline-from" type="date" value={fromDate} onChange={setFromDate} />
        <InputField label="To" name="timeline-to" type="date" value={toDate} onChange={setToDate} />
      </div>
      {timeline.error ? <ErrorBanner error={timeline.error} onRetry={timeline.reload} /> : null}
      {timeline.entries.length === 0 && timeline.loading ? <LoadingMessage /> : null}
      {timeline.entries.length === 0 && !timeline.loading && !timeline.error ? <p className="muted">Nothing in this period.</p> : null}
      <ol className="timeline" aria-label="Timeline entries, newest first">
        {timeline.entries.map((entry) => (
          <EntryItem key={entry.key} entry={entry} />
        ))}
      </ol>
      {timeline.hasMore ? (
        <Button onClick={timeline.loadMore} busy={timeline.loading}>
          Load more
        </Button>
      ) : null}
    </section>
  );
}
