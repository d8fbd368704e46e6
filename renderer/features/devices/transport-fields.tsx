import type { MethodOutput } from '../../../common/contract';
import type { SerialTransport } from '../../../common/domain/devices';
import { Button } from '../../ui/button';
import { InputField } from '../../ui/input-field';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import type { FieldState } from '../../ui/use-form-submit';
import { BAUD_RATES, type DeviceDraft, parseUsbId } from './device-draft';
import { formatUsbId } from './device-labels';
import type { FieldErrorSlot } from './field-error';

export type DetectedPorts = MethodOutput<'devices.ports'>;

interface TransportFieldsProps<K extends 'serial' | 'usb' | 'tcp'> {
  value: DeviceDraft[K];
  onChange: (value: DeviceDraft[K]) => void;
  field: (name: string) => FieldState;
  errorFor: FieldErrorSlot;
}

/** The input names each transport shows, for placing field-level errors. */
export const TRANSPORT_FIELD_NAMES: Record<'serial' | 'usb' | 'tcp', readonly string[]> = {
  serial: ['transport.path', 'transport.baudRate', 'transport.dataBits', 'transport.parity', 'transport.stopBits', 'transport.flowControl'],
  usb: ['transport.vendorId', 'transport.productId'],
  tcp: ['transport.listenPort', 'transport.bindAddress'],
};

interface DetectedProps {
  ports: DetectedPorts | null;
  onRefreshPorts: () => void;
  portsLoading: boolean;
}

const BAUD_OPTIONS: readonly SelectOption<string>[] = BAUD_RATES.map((b) => ({ value: b, label: `${b} baud` }));
const DATA_BITS_OPTIONS: readonly SelectOption<'7' | '8'>[] = [
  { value: '8', label: '8' },
  { value: '7', label: '7' },
];
const PARITY_OPTIONS: readonly SelectOption<SerialTransport['parity']>[] = [
  { value: 'none', label: 'None' },
  { value: 'even', label: 'Even' },
  { value: 'odd', label: 'Odd' },
];
const STOP_BITS_OPTIONS: readonly SelectOption<'1' | '2'>[] = [
  { value: '1', label: '1' },
  { value: '2', label: '2' },
];
const FLOW_OPTIONS: readonly SelectOption<SerialTransport['flowControl']>[] = [
  { value: 'none', label: 'None' },
  { value: 'rtscts', label: 'Hardware (RTS/CTS)' },
  { value: 'xonxoff', label: 'Software (XON/XOFF)' },
];
const BIND_OPTIONS: readonly SelectOption<'127.0.0.1' | '0.0.0.0'>[] = [
  { value: '127.0.0.1', label: 'This workstation only (127.0.0.1)' },
  { value: '0.0.0.0', label: 'All networks (0.0.0.0)' },
];

function RefreshPortsButton({ onRefreshPorts, portsLoading }: DetectedProps) {
  return (
    <Button variant="quiet" onClick={onRefreshPorts} busy={portsLoading}>
      Look for ports again
    </Button>
  );
}

/** Serial port path (picked from the detected ports or typed) and the line settings. */
export function SerialFields({ value, onChange, field, errorFor, ...detected }: TransportFieldsProps<'serial'> & DetectedProps) {
  const set = <F extends keyof DeviceDraft['serial']>(key: F, v: DeviceDraft['serial'][F]) => onChange({ ...value, [key]: v });
  const serialPorts = detected.ports?.serial ?? [];
  const pickerOptions: SelectOption<string>[] = [
    { value: '', label: serialPorts.length === 0 ? 'No serial ports detected' : 'Choose a detected port…' },
    ...serialPorts.map((p) => ({ value: p.path, label: [p.path, p.manufacturer, p.serialNumber].filter(Boolean).join(' — ') })),
  ];
  const picked = serialPorts.some((p) => p.path === value.path) ? value.path : '';
  return (
    <>
      <div className="device-form__port-picker">
        <SelectField label="Detected serial ports" name="detectedSerialPort" value={picked} options={pickerOptions} onChange={(path) => path && set('path', path)} />
        <RefreshPortsButton {...detected} />
      </div>
      <TextField
        label="Serial port path"
        {...field('transport.path')}
        value={value.path}
        onChange={(path) => set('path', path)}
        hint="For example /dev/ttyUSB0 or COM3. Pick a detected port above or type one."
        autoComplete="off"
        maxLength={260}
        required
      />
      {errorFor('transport.path')}
      <div className="device-form__row">
        <SelectField label="Baud rate" {...field('transport.baudRate')} value={value.baudRate} options={BAUD_OPTIONS} onChange={(v) => set('baudRate', v)} />
        <SelectField label="Data bits" {...field('transport.dataBits')} value={value.dataBits} options={DATA_BITS_OPTIONS} onChange={(v) => set('dataBits', v)} />
        <SelectField label="Parity" {...field('transport.parity')} value={value.parity} options={PARITY_OPTIONS} onChange={(v) => set('parity', v)} />
        <SelectField label="Stop bits" {...field('transport.stopBits')} value={value.stopBits} options={STOP_BITS_OPTIONS} onChange={(v) => set('stopBits', v)} />
        <SelectField label="Flow control" {...field('transport.flowControl')} value={value.flowControl} options={FLOW_OPTIONS} onChange={(v) => set('flowControl', v)} />
      </div>
      {errorFor(TRANSPORT_FIELD_NAMES.serial.slice(1))}
    </>
  );
}

/** USB vendor and product ids in hex, or picked from the USB devices the workstation sees. */
export function UsbFields({ value, onChange, field, errorFor, ...detected }: TransportFieldsProps<'usb'> & DetectedProps) {
  const usb = detected.ports?.usb ?? [];
  const idOf = (vendorId: number, productId: number) => `${formatUsbId(vendorId)}:${formatUsbId(productId)}`;
  const pickerOptions: SelectOption<string>[] = [
    { value: '', label: usb.length === 0 ? 'No USB devices detected' : 'Choose a detected USB device…' },
    ...usb.map((d) => ({
      value: idOf(d.vendorId, d.productId),
      label: `${idOf(d.vendorId, d.productId)} (bus ${d.busNumber}, address ${d.deviceAddress}${d.hid ? ', HID' : ''})`,
    })),
  ];
  const vendorId = parseUsbId(value.vendorId);
  const productId = parseUsbId(value.productId);
  const current = vendorId !== null && productId !== null ? idOf(vendorId, productId) : '';
  const picked = pickerOptions.some((o) => o.value === current) ? current : '';
  return (
    <>
      <div className="device-form__port-picker">
        <SelectField
          label="Detected USB devices"
          name="detectedUsbDevice"
          value={picked}
          options={pickerOptions}
          onChange={(id) => {
            const [vendor, product] = id.split(':');
            if (vendor && product) onChange({ vendorId: vendor, productId: product });
          }}
        />
        <RefreshPortsButton {...detected} />
      </div>
      <div className="device-form__row">
        <TextField label="USB vendor id" {...field('transport.vendorId')} value={value.vendorId} onChange={(v) => onChange({ ...value, vendorId: v })} hint="Hexadecimal, e.g. 0x1234" autoComplete="off" maxLength={6} required />
        <TextField label="USB product id" {...field('transport.productId')} value={value.productId} onChange={(v) => onChange({ ...value, productId: v })} hint="Hexadecimal, e.g. 0x5678" autoComplete="off" maxLength={6} required />
      </div>
      {errorFor(TRANSPORT_FIELD_NAMES.usb)}
    </>
  );
}

/** The MLLP listener the monitor or HL7 gateway connects to. */
export function TcpFields({ value, onChange, field, errorFor }: TransportFieldsProps<'tcp'>) {
  return (
    <>
      <div className="device-form__row">
        <InputField
          label="Listen port"
          type="number"
          {...field('transport.listenPort')}
          value={value.listenPort}
          onChange={(v) => onChange({ ...value, listenPort: v })}
          min={1024}
          max={65535}
          step={1}
          hint="1024–65535; MLLP is usually 2575."
          required
        />
        <SelectField label="Bind address" {...field('transport.bindAddress')} value={value.bindAddress} options={BIND_OPTIONS} onChange={(v) => onChange({ ...value, bindAddress: v })} />
      </div>
      {errorFor(TRANSPORT_FIELD_NAMES.tcp)}
    </>
  );
}
