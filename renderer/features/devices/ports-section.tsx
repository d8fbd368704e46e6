import type { SerialPortInfo, UsbDeviceInfo } from '../../../common/domain/devices';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { formatUsbId } from './device-labels';
import { useDetectedPorts } from './use-detected-ports';

const dash = (value: string | null) => value ?? '—';

const SERIAL_COLUMNS: readonly Column<SerialPortInfo>[] = [
  { header: 'Path', rowHeader: true, cell: (p) => <code>{p.path}</code> },
  { header: 'Manufacturer', cell: (p) => dash(p.manufacturer) },
  { header: 'Serial number', cell: (p) => dash(p.serialNumber) },
  { header: 'Vendor id', cell: (p) => dash(p.vendorId) },
  { header: 'Product id', cell: (p) => dash(p.productId) },
];

const USB_COLUMNS: readonly Column<UsbDeviceInfo>[] = [
  { header: 'Vendor:product', rowHeader: true, cell: (d) => <code>{`${formatUsbId(d.vendorId)}:${formatUsbId(d.productId)}`}</code> },
  { header: 'Bus', cell: (d) => d.busNumber },
  { header: 'Address', cell: (d) => d.deviceAddress },
  { header: 'HID interface', cell: (d) => (d.hid ? 'Yes' : 'No') },
];

/** What this workstation can see right now, to find the path or ids a new device needs. */
export function PortsSection() {
  const ports = useDetectedPorts();
  return (
    <section aria-labelledby="ports-title" className="section">
      <div className="devices-section__header">
        <h2 id="ports-title">Ports found</h2>
        <Button variant="secondary" onClick={ports.reload} busy={ports.loading}>
          Refresh ports
        </Button>
      </div>
      <p className="muted">Serial ports and USB devices this workstation sees now. Plug a device in, then refresh.</p>
      {ports.error ? <ErrorBanner error={ports.error} onRetry={ports.reload} /> : null}
      {ports.data ? (
        <>
          {ports.data.errors.length > 0 ? (
            <div className="callout" role="alert">
              <p>Some ports could not be listed:</p>
              <ul>
                {ports.data.errors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <h3>Serial ports</h3>
          <DataTable caption="Serial ports" captionHidden columns={SERIAL_COLUMNS} rows={ports.data.serial} rowKey={(p) => p.path} emptyMessage="No serial ports found." />
          <h3>USB devices</h3>
          <DataTable
            caption="USB devices"
            captionHidden
            columns={USB_COLUMNS}
            rows={ports.data.usb}
            rowKey={(d) => `${d.busNumber}-${d.deviceAddress}`}
            emptyMessage="No USB devices found."
          />
        </>
      ) : ports.error ? null : (
        <LoadingMessage text="Looking for ports…" />
      )}
    </section>
  );
}
