import { useState } from 'react';
import { Link } from 'react-router';
import { ACTIVITY_STATUS_LABELS, type WorklistItem } from '../../../common/domain/care-plans';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { patientName, patientPath } from '../patients/patient-format';
import { encounterPath } from '../encounters/encounter-format';
import './worklist.css';

/** /worklist — open care-plan activities across patients, overdue first; optionally only mine. */
export function WorklistPage() {
  const client = useClient();
  const { permissions } = useSignedInSession();
  const [mine, setMine] = useState(false);
  const worklist = useApiQuery(() => client.api.carePlans.worklist({ mine }), [client, mine]);

  const linkTo = (item: WorklistItem) => {
    if (item.carePlan.encounterId) return <Link to={encounterPath(item.carePlan.encounterId)}>Open encounter</Link>;
    return permissions.includes('patients.read') ? <Link to={patientPath(item.patient.id)}>Patient record</Link> : null;
  };

  const columns: Column<WorklistItem>[] = [
    { header: 'Due', cell: (i) => i.activity.dueDate ?? '—' },
    { header: 'Overdue', cell: (i) => (i.activity.overdue ? <strong className="badge badge--warn">Overdue</strong> : '') },
    { header: 'Activity', rowHeader: true, cell: (i) => i.activity.description },
    { header: 'Patient', cell: (i) => `${patientName(i.patient)} (${i.patient.mrn})` },
    { header: 'Care plan', cell: (i) => i.carePlan.title },
    { header: 'Owner', cell: (i) => i.activity.ownerName ?? '—' },
    { header: 'Status', cell: (i) => ACTIVITY_STATUS_LABELS[i.activity.status] },
    { header: 'Open', cell: linkTo },
  ];

  return (
    <>
      <PageHeader title="Worklist" description={worklist.data ? `Open care-plan activities as of ${worklist.data.today}` : undefined} />
      <div className="worklist-filter">
        <label>
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Mine only
        </label>
      </div>
      {worklist.error ? <ErrorBanner error={worklist.error} onRetry={worklist.reload} /> : null}
      {!worklist.data && !worklist.error ? <LoadingMessage /> : null}
      {worklist.data ? (
        <DataTable caption="Open care-plan activities, overdue first" captionHidden columns={columns} rows={worklist.data.items} rowKey={(i) => i.activity.id} emptyMessage="No open activities." />
      ) : null}
    </>
  );
}
