import type { DeviceProtocol } from '../../common/domain/devices';
import { astmDriver } from './astm/astm-driver';
import type { ProtocolDriver } from './driver';
import { hidDriver } from './hid/hid-driver';
import { hl7Driver } from './hl7/hl7-driver';
import { noninDriver } from './nonin/nonin-driver';
import { scaleDriver } from './scale/scale-driver';

export const DRIVERS: Readonly<Record<DeviceProtocol, ProtocolDriver>> = {
  astm: astmDriver,
  hl7: hl7Driver,
  nonin: noninDriver,
  scale: scaleDriver,
  hid: hidDriver,
};

export function driverFor(protocol: DeviceProtocol): ProtocolDriver {
  return DRIVERS[protocol];
}
