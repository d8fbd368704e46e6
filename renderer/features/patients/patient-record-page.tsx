import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { PatientRecord } from '../../../common/domain/patients';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { PATHS } from '../shell/app-paths';
import { EditPatientForm } from './edit-patient-form';
import { MergePatientPanel } from './merge-patient-panel';
import { ExportFhirButton } from './export-fhir-button';
import { formatDateOfBirth, patientChartPath, patientName, patientPath, sexLabel } from './patient-format';
import { PatientHistoryTable } from './patient-history-table';

const IDENTIFIER_LABELS = { national_id: 'National id', insurance: 'Insurance number', other: 'Other id' } as const;
const CONTACT_LABELS = { emergency: 'Emergency contact', guardian: 'Guardian', next_of_kin: 'Next of kin', other: 'Contact' } as const;

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </>
  );
}

function Demographics({ record }: { record: PatientRecord }) {
  const address = [record.addressLine, record.city, record.region, record.postalCode, record.country].filter(Boolean).join(', ');
  return (
    <dl className="facts">
      <Fact label="MRN" value={record.mrn} />
      <Fact label="Date of birth" value={`${formatDateOfBirth(record.dateOfBirth)} (${record.dateOfBirth})`} />
      <Fact label="Sex" value={sexLabel(record.sex)} />
      <Fact label="Phone" value={record.phone} />
      <Fact label="Email" value={record.email} />
      <Fact label="Address" value={address || null} />
    </dl>
  );
}

export function PatientRecordPage() {
  const { patientId = '' } = useParams();
  const client = useClient();
  const location = useLocation();
  const { permissions } = useSignedInSession();
  const patient = useApiQuery(() => client.api.patients.get({ id: patientId }), [client, patientId]);
  const history = useApiQuery(() => client.api.patients.history({ id: patientId }), [client, patientId]);
  const [mode, setMode] = useState<'view' | 'edit' | 'merge'>('view');
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { reload: reloadPatient } = patient;
  const { reload: reloadHistory } = history;

  useEffect(() => setMode('view'), [patientId]);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      setMode('view');
      reloadPatient();
      reloadHistory();
    },
    [reloadPatient, reloadHistory],
  );

  const record = patient.data?.id === patientId ? patient.data : null;
  if (!record) {
    return patient.error ? (
      <>
        <PageHeader title="Patient" />
        <ErrorBanner error={patient.error} onRetry={reloadPatient} />
        <Link to={PATHS.patients}>Back to patient search</Link>
      </>
    ) : (
      <LoadingMessage />
    );
  }

  const canWrite = permissions.includes('patients.write');
  const canMerge = permissions.includes('patients.merge');
  const setActive = async (active: boolean) => {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    const result = await client.api.patients.setActive({ id: record.id, active });
    setBusy(false);
    if (result.ok) changed(`${record.mrn} is now ${active ? 'active' : 'inactive'}.`);
    else setActionError(result.error.message);
  };

  return (
    <>
      <PageHeader
        title={patientName(record)}
        description={`${record.mrn} · born ${formatDateOfBirth(record.dateOfBirth)} · ${sexLabel(record.sex)}`}
        actions={
          mode === 'view' && !record.mergedInto ? (
            <>
              {permissions.includes('clinical.read') ? <Link to={patientChartPath(record.id)}>Chart</Link> : null}
              {permissions.includes('clinical.read') ? <ExportFhirButton patientId={record.id} mrn={record.mrn} /> : null}
              {canWrite ? (
                <Button variant="primary" onClick={() => setMode('edit')}>
                  Edit
                </Button>
              ) : null}
              {canWrite ? (
                <Button variant={record.active ? 'danger' : 'secondary'} aria-disabled={busy || undefined} onClick={() => void setActive(!record.active)}>
                  {record.active ? 'Deactivate' : 'Reactivate'}
                </Button>
              ) : null}
              {canMerge && record.active ? <Button onClick={() => setMode('merge')}>Merge a duplicate…</Button> : null}
            </>
          ) : null
        }
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={actionError} />
      {record.mergedInto ? (
        <div className="callout" role="note">
          <p>
            This record was merged into{' '}
            <Link to={patientPath(record.mergedInto.id)}>
              {record.mergedInto.familyName}, {record.mergedInto.givenName} ({record.mergedInto.mrn})
            </Link>
            . Use that record.
          </p>
        </div>
      ) : null}
      {record.mergedFrom.length > 0 ? (
        <Notice tone="info">
          Merged from:{' '}
          {record.mergedFrom.map((m, i) => (
            <span key={m.id}>
              {i > 0 ? ', ' : ''}
              <Link to={patientPath(m.id)}>
                {m.familyName}, {m.givenName} ({m.mrn})
              </Link>
            </span>
          ))}
        </Notice>
      ) : null}
      {!record.active && !record.mergedInto ? <Notice tone="info">This record is inactive.</Notice> : null}

      {mode === 'edit' ? (
        <EditPatientForm
          key={`${record.id}:${record.version}`}
          record={record}
          onSaved={(saved) => changed(`Saved the changes to ${saved.mrn}.`)}
          onCancel={() => setMode('view')}
        />
      ) : null}
      {mode === 'merge' ? (
        <MergePatientPanel survivor={record} onMerged={(s) => changed(`Merged into ${s.mrn}.`)} onClose={() => setMode('view')} />
      ) : null}

      <div className="card-grid">
        <section className="card" aria-labelledby="demographics-title">
          <h2 id="demographics-title">Demographics</h2>
          <Demographics record={record} />
        </section>
        <section className="card" aria-labelledby="identifiers-title">
          <h2 id="identifiers-title">Identifiers and contacts</h2>
          <dl className="facts">
            {record.identifiers.length === 0 ? <Fact label="Identifiers" value={null} /> : null}
            {record.identifiers.map((i) => (
              <Fact key={i.id} label={IDENTIFIER_LABELS[i.system]} value={i.value} />
            ))}
            {record.contacts.map((c) => (
              <Fact key={c.id} label={CONTACT_LABELS[c.kind]} value={[c.name, c.relationship, c.phone].filter(Boolean).join(' · ')} />
            ))}
          </dl>
        </section>
      </div>
      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">Change history</h2>
        {history.data ? <PatientHistoryTable changes={history.data} /> : history.error ? <ErrorBanner error={history.error} onRetry={reloadHistory} /> : <LoadingMessage />}
      </section>
    </>
  );
}
