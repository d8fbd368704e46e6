import type { Kysely, Selectable } from 'kysely';
import type { DeviceSettings } from '../../common/domain/devices';
import type { Database, DevicesTable } from '../schema';
import { updateAtVersion } from './update-at-version';

export type DeviceRow = Selectable<DevicesTable> & { location_name: string | null };

/** What `devices.config` holds besides the columns: the transport and decoding settings. */
export interface StoredDeviceConfig {
  transport: DeviceSettings['transport'];
  encoding: DeviceSettings['encoding'];
  codeMap: DeviceSettings['codeMap'];
}

export function storedConfigOf(settings: DeviceSettings): StoredDeviceConfig {
  return { transport: settings.transport, encoding: settings.encoding, codeMap: settings.codeMap };
}

export class DeviceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('devices')
      .leftJoin('locations', 'locations.id', 'devices.location_id')
      .selectAll('devices')
      .select('locations.name as location_name')
      .where('devices.deleted', '=', 0);
  }

  list(): Promise<DeviceRow[]> {
    return this.base().orderBy('devices.name').execute();
  }

  listAttachedTo(workstationId: string): Promise<DeviceRow[]> {
    return this.base().where('devices.workstation_id', '=', workstationId).orderBy('devices.name').execute();
  }

  find(id: string): Promise<DeviceRow | undefined> {
    return this.base().where('devices.id', '=', id).executeTakeFirst();
  }

  async insert(device: { id: string; organizationId: string; workstationId: string; settings: DeviceSettings; now: string }): Promise<void> {
    await this.db
      .insertInto('devices')
      .values({
        id: device.id,
        organization_id: device.organizationId,
        workstation_id: device.workstationId,
        location_id: device.settings.locationId ?? null,
        name: device.settings.name,
        kind: device.settings.kind,
        protocol: device.settings.protocol,
        transport: device.settings.transport.type,
        config: JSON.stringify(storedConfigOf(device.settings)),
        created_at: device.now,
        updated_at: device.now,
      })
      .execute();
  }

  update(id: string, expectedVersion: number, settings: DeviceSettings, now: string): Promise<boolean> {
    return updateAtVersion(this.db, 'devices', id, expectedVersion, {
      location_id: settings.locationId ?? null,
      name: settings.name,
      kind: settings.kind,
      protocol: settings.protocol,
      transport: settings.transport.type,
      config: JSON.stringify(storedConfigOf(settings)),
    }, now);
  }

  setActive(id: string, expectedVersion: number, active: boolean, now: string): Promise<boolean> {
    return updateAtVersion(this.db, 'devices', id, expectedVersion, { active: active ? 1 : 0 }, now);
  }

  /** Another device on this workstation already using the same serial path, USB id or TCP port. */
  async findPortClash(workstationId: string, settings: DeviceSettings, exceptId: string | null): Promise<DeviceRow | undefined> {
    const rows = await this.listAttachedTo(workstationId);
    const key = portKey(settings.transport);
    return rows.find((r) => r.id !== exceptId && r.active === 1 && portKey((JSON.parse(r.config) as StoredDeviceConfig).transport) === key);
  }
}

function portKey(t: DeviceSettings['transport']): string {
  switch (t.type) {
    case 'serial':
      return `serial:${t.path}`;
    case 'usb':
      return `usb:${t.vendorId}:${t.productId}`;
    case 'tcp':
      return `tcp:${t.listenPort}`;
  }
}
