import type { ComponentType } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { Tabs, type TabItem } from '../../ui/tabs';
import { AppointmentTypesSection } from './appointment-types-section';
import { LocationsSection } from './locations-section';
import { OrganizationSection } from './organization-section';
import { ProvidersSection } from './providers-section';
import { SchedulesSection } from './schedules-section';

type ClinicTab = 'organization' | 'locations' | 'providers' | 'schedules' | 'types';

const TABS: readonly TabItem<ClinicTab>[] = [
  { key: 'organization', label: 'Organization' },
  { key: 'locations', label: 'Locations' },
  { key: 'providers', label: 'Providers' },
  { key: 'schedules', label: 'Schedules' },
  { key: 'types', label: 'Appointment types' },
];

const SECTIONS: Record<ClinicTab, ComponentType> = {
  organization: OrganizationSection,
  locations: LocationsSection,
  providers: ProvidersSection,
  schedules: SchedulesSection,
  types: AppointmentTypesSection,
};

function isClinicTab(value: string | null): value is ClinicTab {
  return TABS.some((t) => t.key === value);
}

/** The clinic's structure, for administrators. The open tab is in the URL (?tab=), so it survives a reload. */
export function ClinicPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: ClinicTab = isClinicTab(requested) ? requested : 'organization';
  const Section = SECTIONS[tab];

  return (
    <>
      <PageHeader title="Clinic" description="The clinic’s details, locations, providers, their working hours and the appointment types." />
      <Tabs label="Clinic settings" tabs={TABS} selected={tab} onSelect={(key) => setParams({ tab: key }, { replace: true })}>
        <Section />
      </Tabs>
    </>
  );
}
