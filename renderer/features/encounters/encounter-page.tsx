import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { OpenEncounter } from '../../../common/domain/captures';
import type { Location } from '../../../common/domain/clinic';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateTime } from '../../ui/format-date-time';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { patientChartPath, patientName, patientPath } from '../patients/patient-format';
import { PATHS } from '../shell/app-paths';
import { isReadingEvent } from './capture-events';
import { DevicesHerePanel } from './devices-here-panel';
import { ENCOUNTER_STATUS_LABELS } from './encounter-format';
import { LiveReadingsPanel } from './live-readings-panel';
import { useDeviceStatuses } from './use-device-statuses';
import { useEventReload } from './use-event-reload';
import { usePendingReadings } from './use-pending-readings';
import { VitalsPanel } from './vitals-panel';
import { ChiefComplaintPanel } from './chief-complaint-panel';
import { NotesPanel } from './notes-panel';
import { RecordVitalsForm } from './record-vitals-form';
import { CarePlansPanel } from './care-plans-panel';
import { MedicationsPanel } from './medications-panel';
import { ProblemsPanel } from './problems-panel';
import { AllergiesAndOrders } from './allergies-and-orders';
import './encounters.css';

const NO_LOCATIONS = Promise.resolve({ ok: true as const, value: [] as Location[] });

/** /encounters/:encounterId — one patient's visit: the devices feeding it, live readings, vitals. */
export function EncounterPage() {
  const { encounterId = '' } = useParams();
  // A fresh page per encounter: no reading or decision state carries over to the next patient.
  return <EncounterView key={encounterId} encounterId={encounterId} />;
}

function EncounterView({ encounterId }: { encounterId: string }) {
  const client = useClient();
  const encounter = useApiQuery(() => client.api.encounters.get({ encounterId }), [client, encounterId]);
  useEventReload((event) => event.name === 'capture.focus' || event.name === 'queue.changed', encounter.reload, []);

  if (!encounter.data) {
    return encounter.error ? (
      <>
        <PageHeader title="Encounter" />
        <ErrorBanner error={encounter.error} onRetry={encounter.reload} />
        <Link to={PATHS.encounters}>Back to encounters</Link>
      </>
    ) : (
      <LoadingMessage />
    );
  }
  return <EncounterDetails encounter={encounter.data} error={encounter.error} reload={encounter.reload} />;
}

function Banner({ encounter }: { encounter: OpenEncounter }) {
  return (
    <dl className="facts encounter-banner" aria-label="Encounter">
      <dt>MRN</dt>
      <dd>{encounter.patient.mrn}</dd>
      <dt>Status</dt>
      <dd>{ENCOUNTER_STATUS_LABELS[encounter.status]}</dd>
      <dt>Room</dt>
      <dd>{encounter.locationName ?? '—'}</dd>
      <dt>Provider</dt>
      <dd>{encounter.providerName ?? '—'}</dd>
      <dt>Started</dt>
      <dd>{formatDateTime(encounter.startedAt)}</dd>
    </dl>
  );
}

function EncounterDetails({ encounter, error, reload }: { encounter: OpenEncounter; error: ApiError | null; reload: () => void }) {
  const client = useClient();
  const { permissions, user } = useSignedInSession();
  const canCapture = permissions.includes('devices.capture');
  const canReadLocations = permissions.includes('schedule.read');
  const locations = useApiQuery(() => (canCapture && canReadLocations ? client.api.clinic.listLocations({ includeInactive: false }) : NO_LOCATIONS), [client, canCapture, canReadLocations]);
  const devices = useDeviceStatuses(canCapture);
  const pending = usePendingReadings(encounter, canCapture);
  const [vitalsRefresh, setVitalsRefresh] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const refreshVitals = useCallback(() => setVitalsRefresh((n) => n + 1), []);
  const [carePlansRefresh, setCarePlansRefresh] = useState(0);
  const refreshCarePlans = useCallback(() => setCarePlansRefresh((n) => n + 1), []);
  const patientId = encounter.patient.id;
  const encounterOpen = encounter.status === 'planned' || encounter.status === 'in_progress';

  useEventReload(
    (event) => isReadingEvent(event) && event.payload.reading.status === 'accepted' && (event.payload.reading.patient?.id === patientId || event.payload.reading.encounterId === encounter.id),
    refreshVitals,
    [patientId, encounter.id],
  );

  const name = patientName(encounter.patient);
  return (
    <>
      <PageHeader
        title={name}
        description={`${encounter.patient.mrn} · ${ENCOUNTER_STATUS_LABELS[encounter.status]}${encounter.locationName ? ` · ${encounter.locationName}` : ''}`}
        actions={
          <>
            <Link to={PATHS.encounters}>All encounters</Link>
            {permissions.includes('patients.read') ? <Link to={patientPath(patientId)}>Patient record</Link> : null}
            <Link to={patientChartPath(patientId)}>Chart</Link>
          </>
        }
      />
      <Banner encounter={encounter} />
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={actionError} />
      {error ? <ErrorBanner error={error} onRetry={reload} /> : null}
      <ChiefComplaintPanel encounterId={encounter.id} canEdit={encounterOpen && permissions.includes('clinical.write')} />
      <div className="encounter-panels">
        <DevicesHerePanel
          encounter={encounter}
          devices={devices}
          locations={locations.data ?? []}
          canCapture={canCapture}
          onError={setActionError}
          onFocusChanged={(message) => {
            setNotice(message);
            reload();
            pending.reload();
          }}
        />
        <LiveReadingsPanel encounter={encounter} pending={pending} canCapture={canCapture} onCharted={refreshVitals} />
      </div>
      {encounterOpen && permissions.includes('clinical.write') ? <RecordVitalsForm encounterId={encounter.id} onRecorded={refreshVitals} /> : null}
      <VitalsPanel patientId={patientId} refresh={vitalsRefresh} />
      <NotesPanel
        encounterId={encounter.id}
        encounterOpen={encounterOpen}
        userId={user.id}
        canWrite={permissions.includes('clinical.write')}
        canSign={permissions.includes('clinical.sign')}
      />
      <ProblemsPanel patientId={patientId} encounterId={encounter.id} canWrite={permissions.includes('clinical.write')} onChanged={refreshCarePlans} />
      <MedicationsPanel patientId={patientId} encounterId={encounter.id} canWrite={permissions.includes('clinical.write')} />
      <CarePlansPanel patientId={patientId} encounterId={encounter.id} canWrite={permissions.includes('clinical.write')} refresh={carePlansRefresh} />
      <AllergiesAndOrders patientId={patientId} encounterId={encounter.id} refresh={vitalsRefresh} />
    </>
  );
}
