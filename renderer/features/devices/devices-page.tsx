import { useSearchParams } from 'react-router';
import type { Device } from '../../../common/domain/devices';
import { PageHeader } from '../../ui/page-header';
import { Tabs, type TabItem } from '../../ui/tabs';
import { DevicesSection } from './devices-section';
import { JournalSection } from './journal-section';
import { PortsSection } from './ports-section';
import type { JournalFilter, JournalStatus } from './use-device-journal';
import { useDeviceList } from './use-device-list';
import './devices.css';

type DevicesTab = 'devices' | 'ports' | 'journal';

const TABS: readonly TabItem<DevicesTab>[] = [
  { key: 'devices', label: 'Devices' },
  { key: 'ports', label: 'Ports found' },
  { key: 'journal', label: 'Journal' },
];

function isDevicesTab(value: string | null): value is DevicesTab {
  return TABS.some((t) => t.key === value);
}

function isJournalStatus(value: string | null): value is JournalStatus {
  return value === 'pending' || value === 'processed' || value === 'failed';
}

/**
 * The devices cabled to this workstation, for administrators: their live status, the ports the
 * workstation sees and the raw message journal. Tab and journal filter live in the URL
 * (?tab=journal&device=<id>&status=failed), so a reload keeps them.
 */
export function DevicesPage() {
  const [params, setParams] = useSearchParams();
  const list = useDeviceList();
  const requested = params.get('tab');
  const tab: DevicesTab = isDevicesTab(requested) ? requested : 'devices';
  const status = params.get('status');
  const journalFilter: JournalFilter = { deviceId: params.get('device') || null, status: isJournalStatus(status) ? status : null };

  const showJournal = (filter: JournalFilter) => {
    const next: Record<string, string> = { tab: 'journal' };
    if (filter.deviceId) next.device = filter.deviceId;
    if (filter.status) next.status = filter.status;
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Devices" description="Analyzers, monitors and scales cabled to this workstation: how they connect, whether they are talking, and what they sent." />
      <Tabs label="Device administration" tabs={TABS} selected={tab} onSelect={(key) => (key === 'journal' ? showJournal(journalFilter) : setParams({ tab: key }, { replace: true }))}>
        {tab === 'devices' ? (
          <DevicesSection list={list} onOpenJournal={(device: Device) => showJournal({ deviceId: device.id, status: null })} />
        ) : tab === 'ports' ? (
          <PortsSection />
        ) : (
          <JournalSection devices={list.devices} filter={journalFilter} onFilter={showJournal} />
        )}
      </Tabs>
    </>
  );
}
