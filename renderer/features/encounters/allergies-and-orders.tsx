import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { useSignedInSession } from '../auth/session-context';
import { AllergiesPanel } from './allergies-panel';
import { OrdersPanel } from './orders-panel';

const NO_ALLERGIES = [] as const;

/**
 * The encounter's allergies and orders. One allergy list feeds both, so a newly recorded allergy
 * warns on the medication form at once.
 */
export function AllergiesAndOrders({ patientId, encounterId, refresh }: { patientId: string; encounterId: string; refresh: number }) {
  const client = useClient();
  const { permissions } = useSignedInSession();
  const allergies = useApiQuery(() => client.api.allergies.list({ patientId, includeInactive: true }), [client, patientId]);
  const canWrite = permissions.includes('clinical.write');
  return (
    <div className="encounter-panels encounter-panels--clinical">
      <AllergiesPanel patientId={patientId} allergies={allergies.data} error={allergies.error} reload={allergies.reload} canWrite={canWrite} />
      <OrdersPanel
        patientId={patientId}
        encounterId={encounterId}
        allergies={allergies.data ?? NO_ALLERGIES}
        canWrite={canWrite}
        canSign={permissions.includes('clinical.sign')}
        refresh={refresh}
      />
    </div>
  );
}
