import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { Tabs, type TabItem } from '../../ui/tabs';
import { LocationsSection } from './locations-section';
import { OrganizationSection } from './organization-section';
import { ProvidersSection } from './providers-section';

type ClinicTab = 'organization' | 'locations' | 'providers';

const TABS: readonly TabItem<ClinicTab>[] = [
  { key: 'organization', label: 'Organization' },
  { key: 'locations', label: 'Locations' },
  { key: 'providers', label: 'Providers' },
];

function isClinicTab(value: string | null): value is ClinicTab {
  return TABS.some((t) => t.key === value);
}

/** The clinic's structure, for administrators. The open tab is in the URL (?tab=), so it survives a reload. */
export function ClinicPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: ClinicTab = isClinicTab(requested) ? requested : 'organization';

  return (
    <>
      <PageHeader title="Clinic" description="The clinic’s details, its locations and its providers." />
      <Tabs label="Clinic settings" tabs={TABS} selected={tab} onSelect={(key) => setParams({ tab: key }, { replace: true })}>
        {tab === 'organization' ? <OrganizationSection /> : tab === 'locations' ? <LocationsSection /> : <ProvidersSection />}
      </Tabs>
    </>
  );
}
