import { useCallback, useState } from 'react';
import type { Device } from '../../../common/domain/devices';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { deviceStateText } from './device-status-badge';
import { DeviceForm } from './device-form';
import { DevicesTable, focusDeviceButton } from './devices-table';
import { MonitorDialog } from './monitor-dialog';
import { useDeviceAction } from './use-device-action';
import type { DeviceList } from './use-device-list';

type Editing = { mode: 'add' } | { mode: 'edit'; device: Device } | null;

export interface DevicesSectionProps {
  list: DeviceList;
  onOpenJournal: (device: Device) => void;
}

/** The device table with its row actions, the add/edit form and the raw monitor. */
export function DevicesSection({ list, onOpenJournal }: DevicesSectionProps) {
  const client = useClient();
  const { reload } = list;
  const [editing, setEditing] = useState<Editing>(null);
  const [monitoring, setMonitoring] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const action = useDeviceAction(changed);

  const closeEditor = (id: string | null) => {
    setEditing(null);
    requestAnimationFrame(() => (id ? focusDeviceButton('edit', id) : document.getElementById('add-device-button')?.focus()));
  };
  // The monitor follows the live list, so its status badge stays current.
  const monitored = monitoring ? list.devices?.find((d) => d.id === monitoring) ?? null : null;

  return (
    <section aria-labelledby="devices-title" className="section">
      <div className="devices-section__header">
        <h2 id="devices-title">Configured devices</h2>
        <Button
          id="add-device-button"
          variant="primary"
          onClick={() => {
            setNotice(null);
            setEditing({ mode: 'add' });
          }}
        >
          Add device
        </Button>
      </div>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={action.error} />
      {editing ? (
        <DeviceForm
          key={editing.mode === 'edit' ? `${editing.device.id}:${editing.device.version}` : 'new'}
          device={editing.mode === 'edit' ? editing.device : null}
          onSaved={(saved) => {
            changed(editing.mode === 'edit' ? `Saved the device ${saved.name}.` : `Added the device ${saved.name}.`);
            closeEditor(saved.id);
          }}
          onCancel={() => closeEditor(editing.mode === 'edit' ? editing.device.id : null)}
        />
      ) : null}
      {list.devices ? (
        <>
          {list.error ? <ErrorBanner error={list.error} onRetry={reload} /> : null}
          <DevicesTable
            devices={list.devices}
            busyId={action.busyId}
            onEdit={(device) => {
              setNotice(null);
              setEditing({ mode: 'edit', device });
            }}
            onSetActive={(device, active) =>
              void action.run(
                device,
                () => client.api.devices.setActive({ id: device.id, expectedVersion: device.version, active }),
                () => `${device.name} is now ${active ? 'enabled' : 'disabled'}.`,
              )
            }
            onReconnect={(device) =>
              void action.run(
                device,
                () => client.api.devices.reconnect({ id: device.id }),
                (status) => `Reconnected ${device.name}: ${deviceStateText(status)}.`,
              )
            }
            onMonitor={(device) => setMonitoring(device.id)}
            onJournal={onOpenJournal}
          />
        </>
      ) : list.error ? (
        <ErrorBanner error={list.error} onRetry={reload} />
      ) : (
        <LoadingMessage />
      )}
      {monitored ? (
        <MonitorDialog
          device={monitored}
          onClose={() => {
            setMonitoring(null);
            requestAnimationFrame(() => focusDeviceButton('monitor', monitored.id));
          }}
        />
      ) : null}
    </section>
  );
}
