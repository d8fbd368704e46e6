import {
  PROTOCOL_TRANSPORTS,
  type Device,
  type DeviceKind,
  type DeviceProtocol,
  type DeviceTransportConfig,
  type SerialTransport,
  type TcpTransport,
  type TextEncoding,
} from '../../../common/domain/devices';
import type { MethodInput } from '../../../common/contract';
import { fail, ok, type ApiError, type Result } from '../../../common/rpc/errors';
import { formatUsbId } from './device-labels';

export type TransportType = DeviceTransportConfig['type'];
export type SettingsInput = MethodInput<'devices.create'>;

/** The serial line as the form holds it: select values are strings until the settings are built. */
export interface SerialDraft {
  path: string;
  baudRate: string;
  dataBits: '7' | '8';
  parity: SerialTransport['parity'];
  stopBits: '1' | '2';
  flowControl: SerialTransport['flowControl'];
}

export interface CodeMapRow {
  /** Stable React key; rows are added and removed in the middle. */
  key: number;
  code: string;
  loinc: string;
}

/**
 * Everything the add/edit form shows. Each transport keeps its own values, so switching an HL7
 * device from TCP to serial and back does not lose the port number.
 */
export interface DeviceDraft {
  name: string;
  kind: DeviceKind;
  protocol: DeviceProtocol;
  transportType: TransportType;
  serial: SerialDraft;
  usb: { vendorId: string; productId: string };
  tcp: { listenPort: string; bindAddress: TcpTransport['bindAddress'] };
  locationId: string;
  encoding: TextEncoding;
  codeMap: CodeMapRow[];
}

export const BAUD_RATES = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'] as const;

const LINE_9600_8N1: Omit<SerialDraft, 'path'> = { baudRate: '9600', dataBits: '8', parity: 'none', stopBits: '1', flowControl: 'none' };

/** The line settings each protocol's devices ship with (the scale family talks 2400 7E1). */
const SERIAL_DEFAULTS: Record<DeviceProtocol, Omit<SerialDraft, 'path'>> = {
  astm: LINE_9600_8N1,
  hl7: LINE_9600_8N1,
  nonin: LINE_9600_8N1,
  scale: { baudRate: '2400', dataBits: '7', parity: 'even', stopBits: '1', flowControl: 'none' },
  hid: LINE_9600_8N1,
};

/** What a new device of a protocol usually is; a suggestion the admin can change. */
const TYPICAL_KIND: Record<DeviceProtocol, DeviceKind> = {
  astm: 'lab_analyzer',
  hl7: 'vital_signs_monitor',
  nonin: 'pulse_oximeter',
  scale: 'scale',
  hid: 'glucose_meter',
};

export const DEFAULT_MLLP_PORT = '2575';

let nextRowKey = 1;
export function codeMapRow(code = '', loinc = ''): CodeMapRow {
  return { key: nextRowKey++, code, loinc };
}

export function newDeviceDraft(protocol: DeviceProtocol = 'astm'): DeviceDraft {
  return {
    name: '',
    kind: TYPICAL_KIND[protocol],
    protocol,
    transportType: PROTOCOL_TRANSPORTS[protocol][0] ?? 'serial',
    serial: { path: '', ...SERIAL_DEFAULTS[protocol] },
    usb: { vendorId: '', productId: '' },
    tcp: { listenPort: DEFAULT_MLLP_PORT, bindAddress: '127.0.0.1' },
    locationId: '',
    encoding: 'latin1',
    codeMap: [],
  };
}

export function draftFromDevice(device: Device): DeviceDraft {
  const draft = newDeviceDraft(device.protocol);
  const t = device.transport;
  return {
    ...draft,
    name: device.name,
    kind: device.kind,
    transportType: t.type,
    serial:
      t.type === 'serial'
        ? {
            path: t.path,
            baudRate: String(t.baudRate),
            dataBits: t.dataBits === 7 ? '7' : '8',
            parity: t.parity,
            stopBits: t.stopBits === 2 ? '2' : '1',
            flowControl: t.flowControl,
          }
        : draft.serial,
    usb: t.type === 'usb' ? { vendorId: formatUsbId(t.vendorId), productId: formatUsbId(t.productId) } : draft.usb,
    tcp: t.type === 'tcp' ? { listenPort: String(t.listenPort), bindAddress: t.bindAddress } : draft.tcp,
    locationId: device.locationId ?? '',
    encoding: device.encoding,
    codeMap: Object.entries(device.codeMap).map(([code, loinc]) => codeMapRow(code, loinc)),
  };
}

/**
 * A new protocol brings its own line settings and transport; the port path stays (the cable has
 * not moved), and the kind follows only if the admin had not chosen one of their own.
 */
export function withProtocol(draft: DeviceDraft, protocol: DeviceProtocol): DeviceDraft {
  const allowed = PROTOCOL_TRANSPORTS[protocol];
  return {
    ...draft,
    protocol,
    kind: draft.kind === TYPICAL_KIND[draft.protocol] ? TYPICAL_KIND[protocol] : draft.kind,
    transportType: allowed.includes(draft.transportType) && draft.protocol === protocol ? draft.transportType : (allowed[0] ?? 'serial'),
    serial: { ...SERIAL_DEFAULTS[protocol], path: draft.serial.path },
    tcp: draft.tcp.listenPort.trim() ? draft.tcp : { ...draft.tcp, listenPort: DEFAULT_MLLP_PORT },
  };
}

/** "0x1A2B", "1a2b" -> 6699; null when it is not a hex number. */
export function parseUsbId(text: string): number | null {
  const digits = text.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,4}$/i.test(digits)) return null;
  return Number.parseInt(digits, 16);
}

function transportFrom(draft: DeviceDraft): Result<DeviceTransportConfig> {
  switch (draft.transportType) {
    case 'serial': {
      const s = draft.serial;
      // Numbers the contract does not accept are passed on as they are: its message names the rule.
      return ok({
        type: 'serial',
        path: s.path.trim(),
        baudRate: Number(s.baudRate) as SerialTransport['baudRate'],
        dataBits: s.dataBits === '7' ? 7 : 8,
        parity: s.parity,
        stopBits: s.stopBits === '2' ? 2 : 1,
        flowControl: s.flowControl,
      });
    }
    case 'usb': {
      const vendorId = parseUsbId(draft.usb.vendorId);
      if (vendorId === null) return hexProblem('transport.vendorId', 'Vendor id');
      const productId = parseUsbId(draft.usb.productId);
      if (productId === null) return hexProblem('transport.productId', 'Product id');
      return ok({ type: 'usb', vendorId, productId });
    }
    case 'tcp': {
      const port = draft.tcp.listenPort.trim();
      if (!/^\d+$/.test(port)) return fail('VALIDATION', 'Listen port must be a number (1024–65535)', 'transport.listenPort');
      return ok({ type: 'tcp', listenPort: Number(port), bindAddress: draft.tcp.bindAddress });
    }
  }
}

function hexProblem(field: string, label: string): { ok: false; error: ApiError } {
  return fail('VALIDATION', `${label} must be a hexadecimal number like 0x1234`, field);
}

function codeMapFrom(rows: readonly CodeMapRow[]): Result<Record<string, string>> {
  const map: Record<string, string> = {};
  for (const [index, row] of rows.entries()) {
    const code = row.code.trim();
    const loinc = row.loinc.trim();
    if (!code && !loinc) continue;
    if (!code) return fail('VALIDATION', `Code mapping ${index + 1}: a device code is required`, codeFieldName(index));
    if (code.length > 40) return fail('VALIDATION', `Code mapping ${index + 1}: device codes are at most 40 characters`, codeFieldName(index));
    if (Object.prototype.hasOwnProperty.call(map, code)) return fail('VALIDATION', `The device code ${code} is mapped twice`, codeFieldName(index));
    map[code] = loinc;
  }
  return ok(map);
}

/** Input names for the code map rows; a LOINC error from the contract names its code (codeMap.<code>). */
export function codeFieldName(index: number): string {
  return `codeMap.row${index}.code`;
}
export function loincFieldName(code: string): string {
  return `codeMap.${code.trim()}`;
}

/** The settings the contract takes, or the first problem the form can tell before sending. */
export function settingsFromDraft(draft: DeviceDraft): Result<SettingsInput> {
  const transport = transportFrom(draft);
  if (!transport.ok) return transport;
  const codeMap = codeMapFrom(draft.codeMap);
  if (!codeMap.ok) return codeMap;
  return ok({
    name: draft.name,
    kind: draft.kind,
    protocol: draft.protocol,
    transport: transport.value,
    locationId: draft.locationId || undefined,
    encoding: draft.encoding,
    codeMap: codeMap.value,
  });
}

/** devices.update and devices.testConnection nest the settings; their errors name `settings.<field>`. */
export function unnestSettingsField(error: ApiError): ApiError {
  return error.field?.startsWith('settings.') ? { ...error, field: error.field.slice('settings.'.length) } : error;
}
