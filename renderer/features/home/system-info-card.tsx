import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { RUN_MODE_LABELS } from './run-mode-labels';

export function SystemInfoCard() {
  const client = useClient();
  const info = useApiQuery(() => client.api.system.info({}), [client]);
  return (
    <section className="card" aria-labelledby="system-info-title">
      <h2 id="system-info-title">About this workstation</h2>
      {info.data ? (
        <dl className="facts">
          <dt>Application</dt>
          <dd>{info.data.appName}</dd>
          <dt>Version</dt>
          <dd>{info.data.version}</dd>
          <dt>Running as</dt>
          <dd>{RUN_MODE_LABELS[info.data.runMode]}</dd>
        </dl>
      ) : info.error ? (
        <ErrorBanner error={info.error} onRetry={info.reload} />
      ) : (
        <LoadingMessage />
      )}
    </section>
  );
}
