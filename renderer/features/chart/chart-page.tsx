import { Link, useParams } from 'react-router';
import type { Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { patientName, patientPath } from '../patients/patient-format';
import { ChartSummaryPanel } from './chart-summary-panel';
import { FlowsheetSection } from './flowsheet-section';
import { TimelineSection } from './timeline-section';
import './chart.css';

const NO_PATIENT: Promise<Result<null>> = Promise.resolve({ ok: true, value: null });

/** /patients/:patientId/chart — the patient's chart: summary, timeline and flowsheet. */
export function PatientChartPage() {
  const { patientId = '' } = useParams();
  return <ChartView key={patientId} patientId={patientId} />;
}

function ChartView({ patientId }: { patientId: string }) {
  const client = useClient();
  const { permissions } = useSignedInSession();
  const canReadPatient = permissions.includes('patients.read');
  const patient = useApiQuery(() => (canReadPatient ? client.api.patients.get({ id: patientId }) : NO_PATIENT), [client, patientId, canReadPatient]);
  const summary = useApiQuery(() => client.api.chart.summary({ patientId }), [client, patientId]);
  const record = patient.data;

  return (
    <>
      <PageHeader
        title={record ? `Chart: ${patientName(record)}` : 'Patient chart'}
        description={record ? record.mrn : undefined}
        actions={canReadPatient ? <Link to={patientPath(patientId)}>Patient record</Link> : null}
      />
      {summary.error ? <ErrorBanner error={summary.error} onRetry={summary.reload} /> : null}
      {summary.data ? <ChartSummaryPanel summary={summary.data} /> : summary.error ? null : <LoadingMessage />}
      {summary.error?.code === 'NOT_FOUND' ? null : (
        <>
          <FlowsheetSection patientId={patientId} />
          <TimelineSection patientId={patientId} />
        </>
      )}
    </>
  );
}
