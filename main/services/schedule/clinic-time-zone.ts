import type { Kysely } from 'kysely';
import { isKnownTimeZone, systemTimeZone } from '../../../common/domain/time-zone';
import { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';

export const TIME_ZONE_SETTING = 'clinic.time_zone';

/**
 * The IANA zone the clinic's working hours are written in. Chosen once: on first use it defaults
 * to the zone this workstation runs in and is stored, so it does not drift when the machine's
 * zone changes; an administrator can set it.
 */
export class ClinicTimeZone {
  private cached: string | null = null;
  private readonly settings: SettingsRepository;

  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly fallback: () => string = systemTimeZone,
  ) {
    this.settings = new SettingsRepository(db);
  }

  async get(): Promise<string> {
    if (this.cached !== null) return this.cached;
    const stored = await this.settings.get(TIME_ZONE_SETTING);
    if (stored !== undefined && isKnownTimeZone(stored)) {
      this.cached = stored;
      return stored;
    }
    const zone = this.fallback();
    await this.settings.set(TIME_ZONE_SETTING, zone, this.clock.now().toISOString());
    this.cached = zone;
    return zone;
  }

  async set(zone: string): Promise<void> {
    await this.settings.set(TIME_ZONE_SETTING, zone, this.clock.now().toISOString());
    this.cached = zone;
  }
}
