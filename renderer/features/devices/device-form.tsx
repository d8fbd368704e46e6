import { useState } from 'react';
import {
  DEVICE_KINDS,
  DEVICE_PROTOCOLS,
  PROTOCOL_TRANSPORTS,
  TEXT_ENCODINGS,
  type Device,
  type DeviceKind,
  type DeviceProtocol,
  type TextEncoding,
} from '../../../common/domain/devices';
import type { ApiError, Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Button } from '../../ui/button';
import { Form } from '../../ui/form';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { CodeMapEditor, codeMapFieldNames } from './code-map-editor';
import {
  draftFromDevice,
  newDeviceDraft,
  settingsFromDraft,
  unnestSettingsField,
  withProtocol,
  type DeviceDraft,
  type SettingsInput,
  type TransportType,
} from './device-draft';
import { ENCODING_LABELS, KIND_LABELS, PROTOCOL_LABELS, TRANSPORT_LABELS } from './device-labels';
import { TestConnectionResult, type ConnectionTestResult } from './test-connection-result';
import { useFieldErrors } from './field-error';
import { SerialFields, TcpFields, TRANSPORT_FIELD_NAMES, UsbFields } from './transport-fields';
import { useDetectedPorts } from './use-detected-ports';
import { useDeviceLocationOptions } from './use-device-locations';

const KIND_OPTIONS: readonly SelectOption<DeviceKind>[] = DEVICE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
const PROTOCOL_OPTIONS: readonly SelectOption<DeviceProtocol>[] = DEVICE_PROTOCOLS.map((p) => ({ value: p, label: PROTOCOL_LABELS[p] }));
const ENCODING_OPTIONS: readonly SelectOption<TextEncoding>[] = TEXT_ENCODINGS.map((e) => ({ value: e, label: ENCODING_LABELS[e] }));
const LISTEN_OPTIONS: readonly SelectOption<string>[] = ['1000', '3000', '5000', '10000', '15000'].map((ms) => ({
  value: ms,
  label: `${Number(ms) / 1000} seconds`,
}));

export interface DeviceFormProps {
  /** Null: add a new device. Otherwise the device as it was when editing began. */
  device: Device | null;
  onSaved: (device: Device) => void;
  onCancel: () => void;
}

/** errors of devices.update / devices.testConnection name `settings.<field>`; the inputs are named `<field>`. */
async function unnested<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  const result = await call;
  return result.ok ? result : { ok: false, error: unnestSettingsField(result.error) };
}

function conflictIntro(error: ApiError | null): string | null {
  return error?.code === 'CONFLICT' && (error.field === undefined || error.field === 'expectedVersion')
    ? 'Someone changed this device meanwhile. Cancel and open it again to see the latest settings.'
    : null;
}

/**
 * Adds or edits a device: what it is, the protocol it speaks, how it is cabled (only the transports
 * that protocol can run over), where it sits, and an optional code map. "Test connection" opens
 * the port with the settings as typed, before anything is saved.
 */
export function DeviceForm({ device, onSaved, onCancel }: DeviceFormProps) {
  const client = useClient();
  const form = useFormSubmit();
  const [draft, setDraft] = useState<DeviceDraft>(() => (device ? draftFromDevice(device) : newDeviceDraft()));
  const [listenMs, setListenMs] = useState('3000');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  const ports = useDetectedPorts();
  const locations = useDeviceLocationOptions(device?.locationId ?? null);
  const set = <K extends keyof DeviceDraft>(key: K, value: DeviceDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const allowedTransports = PROTOCOL_TRANSPORTS[draft.protocol];
  const transportOptions: SelectOption<TransportType>[] = allowedTransports.map((t) => ({ value: t, label: TRANSPORT_LABELS[t] }));
  const detected = { ports: ports.data, onRefreshPorts: ports.reload, portsLoading: ports.loading };
  const shownFields = [
    'name',
    'kind',
    'protocol',
    'encoding',
    'locationId',
    ...(transportOptions.length > 1 ? ['transport.type'] : []),
    ...TRANSPORT_FIELD_NAMES[draft.transportType],
    ...codeMapFieldNames(draft.codeMap),
  ];
  const { slot: errorFor, bannerForm } = useFieldErrors(form, shownFields);

  /** The settings as typed, checked against the contract; null (and the problem shown) if they are not valid. */
  const checkedSettings = (): SettingsInput | null => {
    const built = settingsFromDraft(draft);
    if (!built.ok) {
      form.fail(built.error);
      return null;
    }
    const problem = checkInput('devices.create', built.value);
    if (problem) {
      form.fail(problem);
      return null;
    }
    return built.value;
  };

  const submit = async () => {
    const settings = checkedSettings();
    if (!settings) return;
    const saved = await form.run(() =>
      device
        ? unnested(client.api.devices.update({ id: device.id, expectedVersion: device.version, settings }))
        : client.api.devices.create(settings),
    );
    if (saved) onSaved(saved);
  };

  const testConnection = async () => {
    const settings = checkedSettings();
    if (!settings) return;
    setTesting(true);
    setTestResult(null);
    const result = await form.run(() =>
      unnested(client.api.devices.testConnection({ settings, listenMs: Number(listenMs), ...(device ? { deviceId: device.id } : {}) })),
    );
    setTesting(false);
    if (result) setTestResult(result);
  };

  const intro = conflictIntro(form.error);
  return (
    <Form
      title={device ? `Edit device: ${device.name}` : 'Add a device'}
      intro={intro ? <p>{intro}</p> : <p>Devices cabled to this workstation. Saving reconnects the device with the new settings.</p>}
      form={bannerForm}
      onSubmit={() => void submit()}
      className="card edit-panel device-form"
    >
      <fieldset className="fieldset">
        <legend>Device</legend>
        <TextField label="Name" {...form.field('name')} value={draft.name} onChange={(v) => set('name', v)} autoComplete="off" maxLength={120} required autoFocus />
        {errorFor('name')}
        <div className="device-form__row">
          <SelectField label="Kind" {...form.field('kind')} value={draft.kind} options={KIND_OPTIONS} onChange={(v) => set('kind', v)} required />
          <SelectField label="Protocol" {...form.field('protocol')} value={draft.protocol} options={PROTOCOL_OPTIONS} onChange={(p) => setDraft((d) => withProtocol(d, p))} required />
          <SelectField label="Text encoding" {...form.field('encoding')} value={draft.encoding} options={ENCODING_OPTIONS} onChange={(v) => set('encoding', v)} />
        </div>
        {errorFor(['kind', 'protocol', 'encoding'])}
        <SelectField label="Location" {...form.field('locationId')} value={draft.locationId} options={locations.options} onChange={(v) => set('locationId', v)} />
        {errorFor('locationId')}
        {locations.error ? <p className="field__hint">{locations.error}</p> : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Connection</legend>
        {transportOptions.length > 1 ? (
          <SelectField label="Connection type" {...form.field('transport.type')} value={draft.transportType} options={transportOptions} onChange={(v) => set('transportType', v)} />
        ) : (
          <p className="muted">
            {PROTOCOL_LABELS[draft.protocol]} devices connect over: {TRANSPORT_LABELS[draft.transportType]}.
          </p>
        )}
        {ports.data && ports.data.errors.length > 0 && draft.transportType !== 'tcp' ? (
          <p className="field__hint">{ports.data.errors.join(' ')}</p>
        ) : null}
        {errorFor('transport.type')}
        {draft.transportType === 'serial' ? <SerialFields value={draft.serial} onChange={(v) => set('serial', v)} field={form.field} errorFor={errorFor} {...detected} /> : null}
        {draft.transportType === 'usb' ? <UsbFields value={draft.usb} onChange={(v) => set('usb', v)} field={form.field} errorFor={errorFor} {...detected} /> : null}
        {draft.transportType === 'tcp' ? <TcpFields value={draft.tcp} onChange={(v) => set('tcp', v)} field={form.field} errorFor={errorFor} /> : null}
      </fieldset>

      <CodeMapEditor rows={draft.codeMap} onChange={(rows) => set('codeMap', rows)} field={form.field} errorFor={errorFor} />

      <div className="form__actions device-form__actions">
        <Button type="submit" variant="primary" busy={form.pending && !testing}>
          {device ? 'Save device' : 'Add device'}
        </Button>
        <SelectField label="Listen for" name="listenMs" value={listenMs} options={LISTEN_OPTIONS} onChange={setListenMs} />
        <Button variant="secondary" busy={testing} disabled={form.pending && !testing} onClick={() => void testConnection()}>
          Test connection
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {testing ? (
        <p role="status" className="muted">
          Testing the connection for {Number(listenMs) / 1000} seconds…
        </p>
      ) : null}
      {testResult ? <TestConnectionResult result={testResult} /> : null}
    </Form>
  );
}
