import { Link } from 'react-router';
import type { OpenEncounter } from '../../../common/domain/captures';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateTime } from '../../ui/format-date-time';
import { LoadingMessage } from '../../ui/loading-message';
import { PageHeader } from '../../ui/page-header';
import { patientName } from '../patients/patient-format';
import { ENCOUNTER_STATUS_LABELS, encounterPath } from './encounter-format';
import { useEventReload } from './use-event-reload';
import './encounters.css';

const columns: Column<OpenEncounter>[] = [
  {
    header: 'Patient',
    rowHeader: true,
    cell: (e) => (
      <>
        <Link to={encounterPath(e.id)}>{patientName(e.patient)}</Link> <span className="muted">{e.patient.mrn}</span>
      </>
    ),
  },
  { header: 'Status', cell: (e) => ENCOUNTER_STATUS_LABELS[e.status] },
  { header: 'Provider', cell: (e) => e.providerName ?? '—' },
  { header: 'Room', cell: (e) => e.locationName ?? '—' },
  { header: 'Started', cell: (e) => formatDateTime(e.startedAt) },
  {
    header: 'Pending readings',
    cell: (e) => (e.pendingReadings > 0 ? <span className="badge badge--warn">{e.pendingReadings}</span> : <span className="muted">0</span>),
  },
];

/** Today's open encounters, for a nurse or physician to pick the one they are capturing for. */
export function EncountersPage() {
  const client = useClient();
  const encounters = useApiQuery(() => client.api.encounters.open({}), [client]);
  useEventReload((event) => event.name === 'capture.reading' || event.name === 'queue.changed' || event.name === 'capture.focus', encounters.reload, []);

  return (
    <>
      <PageHeader title="Encounters" description="Patients checked in or in a room today. Open one to capture device readings and see its vitals." />
      {encounters.error ? <ErrorBanner error={encounters.error} onRetry={encounters.reload} /> : null}
      {!encounters.data && !encounters.error ? <LoadingMessage /> : null}
      {encounters.data ? (
        <DataTable caption="Open encounters" captionHidden columns={columns} rows={encounters.data} rowKey={(e) => e.id} emptyMessage="No one is checked in or in a room." />
      ) : null}
    </>
  );
}
