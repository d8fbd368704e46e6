import type { ChartSummary } from '../../../common/domain/chart';
import { formatDateTime } from '../../ui/format-date-time';

function List({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="chart-summary__list">
      {items.map((item, i) => (
        <li key={`${i}:${item}`}>{item}</li>
      ))}
    </ul>
  );
}

/** The chart header: what a clinician checks first when opening a patient. */
export function ChartSummaryPanel({ summary }: { summary: ChartSummary }) {
  const last = summary.lastEncounter;
  return (
    <section className="card chart-summary" aria-labelledby="chart-summary-title">
      <h2 id="chart-summary-title" className="visually-hidden">
        Summary
      </h2>
      <div className="chart-summary__grid">
        <div>
          <h3>Active problems</h3>
          <List items={summary.activeProblems.map((p) => (p.onsetDate ? `${p.condition} (since ${p.onsetDate})` : p.condition))} empty="None recorded" />
        </div>
        <div>
          <h3>Allergies</h3>
          <List
            items={summary.activeAllergies.map((a) => [a.allergen, a.reaction, a.severity === 'unknown' ? null : a.severity].filter(Boolean).join(' · '))}
            empty="No known allergies recorded"
          />
        </div>
        <div>
          <h3>Current medications</h3>
          <List
            items={summary.currentMedications.map((m) => `${m.drug}${m.dose ? ` ${m.dose}` : ''}${m.source === 'order' ? ' (prescribed)' : ''}`)}
            empty="None recorded"
          />
        </div>
        <div>
          <h3>Latest vitals</h3>
          <List items={summary.latestVitals.map((v) => `${v.display}: ${v.value ?? '—'}${v.unit ? ` ${v.unit}` : ''} (${formatDateTime(v.time)})`)} empty="None charted" />
        </div>
      </div>
      <dl className="facts chart-summary__facts" aria-label="Open work">
        <dt>Open orders</dt>
        <dd>{summary.openOrders}</dd>
        <dt>Open care plan activities</dt>
        <dd>
          {summary.openActivities}
          {summary.overdueActivities > 0 ? <span className="badge badge--warn chart-summary__overdue">{summary.overdueActivities} overdue</span> : null}
        </dd>
        <dt>Last encounter</dt>
        <dd>{last ? `${formatDateTime(last.time)} · ${last.status.replace('_', ' ')}${last.chiefComplaint ? ` · ${last.chiefComplaint}` : ''}` : '—'}</dd>
      </dl>
    </section>
  );
}
