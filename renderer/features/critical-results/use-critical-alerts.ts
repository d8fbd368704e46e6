import { useEffect } from 'react';
import type { CriticalAlert } from '../../../common/domain/critical-results';
import { useClient } from '../../api/client-context';
import { useApiQuery, type ApiQuery } from '../../api/use-api-query';
import { useEventReload } from '../encounters/use-event-reload';

/** Whether an alert is this physician's to see: theirs, or nobody's in particular. */
export function isAlertFor(alert: Pick<CriticalAlert, 'responsibleUserId'>, userId: string): boolean {
  return alert.responsibleUserId === null || alert.responsibleUserId === userId;
}

/**
 * The open critical results for the signed-in physician, reloaded when one is raised. A new one
 * also becomes a desktop notification when the platform offers notifications and allows them
 * (Electron does; headless Chromium shows only the banner).
 */
export function useCriticalAlerts(userId: string): ApiQuery<CriticalAlert[]> {
  const client = useClient();
  const query = useApiQuery(() => client.api.criticalResults.open({ scope: 'mine' }), [client, userId]);
  useEventReload((e) => e.name === 'clinical.criticalAlert', query.reload, [userId]);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.name !== 'clinical.criticalAlert') return;
        const { alert } = event.payload as { alert: CriticalAlert };
        if (isAlertFor(alert, userId)) notifyDesktop(alert);
      }),
    [client, userId],
  );
  return query;
}

function notifyDesktop(alert: CriticalAlert): void {
  if (typeof Notification === 'undefined') return;
  const show = () => {
    const title = `Critical result: ${alert.patient.givenName} ${alert.patient.familyName}`;
    const body = `${alert.display ?? alert.code} ${alert.value}${alert.unit ? ` ${alert.unit}` : ''} (${alert.reason})`;
    new Notification(title, { body, tag: alert.id, requireInteraction: true });
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') {
    void Notification.requestPermission().then((p) => {
      if (p === 'granted') show();
    });
  }
}
