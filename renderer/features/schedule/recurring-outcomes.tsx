import type { RecurringResult } from '../../../common/contract/schedule.contract';
import { formatClinicDateTime } from './clinic-time';

const OUTCOME_LABELS = { booked: 'Booked', conflict: 'Not booked', not_booked: 'Not booked' } as const;

/** One line per week of a recurring booking: booked, or why not. */
export function RecurringOutcomes({ result, zone }: { result: RecurringResult; zone: string }) {
  return (
    <div className="recurring-outcomes" role="status">
      <p>
        <strong>
          {result.bookedCount} of {result.occurrences.length} weeks booked
        </strong>
        {result.conflictCount > 0 ? `, ${result.conflictCount} with a conflict.` : '.'}
      </p>
      <ol className="recurring-outcomes__list">
        {result.occurrences.map((o) => (
          <li key={o.startsAt} className={`recurring-outcomes__item recurring-outcomes__item--${o.outcome === 'booked' ? 'ok' : 'problem'}`}>
            {formatClinicDateTime(o.startsAt, zone)}: {OUTCOME_LABELS[o.outcome]}
            {o.reason ? ` — ${o.reason}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
