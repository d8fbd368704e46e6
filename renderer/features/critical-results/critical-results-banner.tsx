import { useState } from 'react';
import { Link } from 'react-router';
import type { CriticalAlert } from '../../../common/domain/critical-results';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';
import { formatDateTime } from '../../ui/format-date-time';
import { TextField } from '../../ui/text-field';
import { useSignedInSession } from '../auth/session-context';
import { encounterPath } from '../encounters/encounter-format';
import { useCriticalAlerts } from './use-critical-alerts';
import './critical-results.css';

/** App-wide: a physician's unacknowledged critical results stay on screen until acknowledged. */
export function CriticalResultsBanner() {
  const { user, permissions } = useSignedInSession();
  if (!permissions.includes('clinical.sign')) return null;
  return <PhysicianCriticalResults userId={user.id} />;
}

function PhysicianCriticalResults({ userId }: { userId: string }) {
  const alerts = useCriticalAlerts(userId);
  const open = alerts.data ?? [];
  if (open.length === 0) return null;
  return (
    <section className="critical-banner" role="alert" aria-labelledby="critical-banner-title">
      <h2 id="critical-banner-title" className="critical-banner__title">
        {open.length === 1 ? '1 critical result to acknowledge' : `${open.length} critical results to acknowledge`}
      </h2>
      <ul className="critical-banner__list">
        {open.map((a) => (
          <CriticalAlertRow key={a.id} alert={a} onDone={alerts.reload} />
        ))}
      </ul>
    </section>
  );
}

function CriticalAlertRow({ alert, onDone }: { alert: CriticalAlert; onDone: () => void }) {
  const client = useClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const patient = `${alert.patient.givenName} ${alert.patient.familyName}`;
  const measurement = alert.display ?? alert.code;

  const acknowledge = async () => {
    setBusy(true);
    const result = await client.api.criticalResults.acknowledge({ alertId: alert.id, note });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  };

  return (
    <li className="critical-banner__item">
      <p className="critical-banner__what">
        <strong>{patient}</strong> <span className="critical-banner__mrn">{alert.patient.mrn}</span>: {measurement}{' '}
        <strong>
          {alert.value}
          {alert.unit ? ` ${alert.unit}` : ''}
        </strong>{' '}
        — {alert.reason}, <time dateTime={alert.observedAt}>{formatDateTime(alert.observedAt)}</time>
        {alert.encounterId ? (
          <>
            {' '}
            <Link to={encounterPath(alert.encounterId)}>Open encounter</Link>
          </>
        ) : null}
      </p>
      <div className="critical-banner__actions">
        <TextField label={`Note for ${measurement} of ${patient} (optional)`} name={`critical-note-${alert.id}`} value={note} onChange={setNote} maxLength={500} />
        <Button variant="danger" busy={busy} onClick={() => void acknowledge()} aria-label={`Acknowledge ${measurement} ${alert.value} of ${patient}`}>
          Acknowledge
        </Button>
      </div>
      {error ? <p className="critical-banner__error">{error.message}</p> : null}
    </li>
  );
}
