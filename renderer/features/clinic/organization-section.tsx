import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { OrganizationForm } from './organization-form';
import { useOrganization } from './use-clinic-data';

export function OrganizationSection() {
  const organization = useOrganization();
  // The form keeps its own copy once open, so a change pushed from elsewhere never wipes typing;
  // a save based on an older version is refused with CONFLICT and the form offers the latest.
  if (organization.data) return <OrganizationForm key={organization.data.id} organization={organization.data} />;
  return organization.error ? <ErrorBanner error={organization.error} onRetry={organization.reload} /> : <LoadingMessage />;
}
