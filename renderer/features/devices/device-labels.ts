import type { DeviceKind, DeviceProtocol, DeviceTransportConfig, TextEncoding } from '../../../common/domain/devices';

export const KIND_LABELS: Record<DeviceKind, string> = {
  lab_analyzer: 'Lab analyzer',
  vital_signs_monitor: 'Vital signs monitor',
  pulse_oximeter: 'Pulse oximeter',
  scale: 'Scale',
  bp_monitor: 'Blood pressure monitor',
  glucose_meter: 'Glucose meter',
};

export const PROTOCOL_LABELS: Record<DeviceProtocol, string> = {
  astm: 'ASTM E1381/E1394',
  hl7: 'HL7 v2 (MLLP)',
  nonin: 'Nonin oximeter',
  scale: 'Scale (serial)',
  hid: 'USB HID',
};

export const TRANSPORT_LABELS: Record<DeviceTransportConfig['type'], string> = {
  serial: 'Serial port',
  usb: 'USB',
  tcp: 'TCP (MLLP listener)',
};

export const ENCODING_LABELS: Record<TextEncoding, string> = {
  latin1: 'Latin-1 (ISO 8859-1)',
  utf8: 'UTF-8',
  shift_jis: 'Shift_JIS',
};

const PARITY_LETTER = { none: 'N', even: 'E', odd: 'O' } as const;

/** A USB vendor or product id as the device manuals write it: 0x0A1B. */
export function formatUsbId(id: number): string {
  return `0x${id.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One line saying where the device is plugged in: "/dev/ttyUSB0 9600 8N1", "TCP :2575", "USB 0x1234:0x5678". */
export function describeTransport(transport: DeviceTransportConfig): string {
  switch (transport.type) {
    case 'serial': {
      const flow = transport.flowControl === 'none' ? '' : ` ${transport.flowControl === 'rtscts' ? 'RTS/CTS' : 'XON/XOFF'}`;
      return `${transport.path} ${transport.baudRate} ${transport.dataBits}${PARITY_LETTER[transport.parity]}${transport.stopBits}${flow}`;
    }
    case 'usb':
      return `USB ${formatUsbId(transport.vendorId)}:${formatUsbId(transport.productId)}`;
    case 'tcp':
      return transport.bindAddress === '0.0.0.0' ? `TCP 0.0.0.0:${transport.listenPort}` : `TCP :${transport.listenPort}`;
  }
}
