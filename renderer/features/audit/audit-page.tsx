import { useState } from 'react';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../../common/domain/audit';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { PageHeader } from '../../ui/page-header';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { AuditTable } from './audit-table';
import { OUTCOME_LABELS } from './outcome-labels';
import { useAuditLog } from './use-audit-log';

type OutcomeFilter = AuditOutcome | 'all';

const OUTCOME_OPTIONS: readonly SelectOption<OutcomeFilter>[] = [
  { value: 'all', label: 'All outcomes' },
  ...AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] })),
];

export function AuditPage() {
  const [filter, setFilter] = useState<OutcomeFilter>('all');
  const log = useAuditLog(filter === 'all' ? null : filter);

  return (
    <>
      <PageHeader title="Audit log" description="Every request to the workstation: who, what, when, and how it ended." />
      <div className="toolbar">
        <SelectField label="Outcome" name="outcome" value={filter} options={OUTCOME_OPTIONS} onChange={setFilter} />
      </div>
      {log.loaded ? <AuditTable entries={log.entries} /> : null}
      {log.error ? <ErrorBanner error={log.error} onRetry={log.retry} /> : null}
      {log.loading ? <LoadingMessage /> : null}
      {log.loaded && !log.error ? (
        <div className="list-footer">
          {log.hasOlder ? (
            <Button variant="secondary" onClick={log.loadOlder} aria-disabled={log.loading || undefined}>
              Load older
            </Button>
          ) : (
            <p className="muted">{log.entries.length === 0 ? '' : 'No older events.'}</p>
          )}
        </div>
      ) : null}
    </>
  );
}
