import type { Kysely } from 'kysely';
import { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { Database } from '../../../db/schema';

const FOCUS_SETTING = 'capture.focus';

/**
 * Which encounter the devices at a room or workstation capture into, when a clinician chose one
 * explicitly ("capture here"). Without a focus, a device's readings go to the encounter in progress
 * in its room. Kept in settings so it survives a restart.
 */
export class CaptureFocus {
  private map: Map<string, string> | null = null;
  private readonly settings: SettingsRepository;

  constructor(db: Kysely<Database>) {
    this.settings = new SettingsRepository(db);
  }

  async load(): Promise<Map<string, string>> {
    if (this.map) return this.map;
    const stored = await this.settings.get(FOCUS_SETTING);
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    this.map = new Map(Object.entries(parsed as Record<string, string>));
    return this.map;
  }

  async encounterAt(locationId: string): Promise<string | null> {
    return (await this.load()).get(locationId) ?? null;
  }

  async locationsFocusedOn(encounterId: string): Promise<string[]> {
    return [...(await this.load()).entries()].filter(([, e]) => e === encounterId).map(([l]) => l);
  }

  async set(locationId: string, encounterId: string | null, now: string): Promise<void> {
    const map = await this.load();
    if (encounterId) map.set(locationId, encounterId);
    else map.delete(locationId);
    await this.settings.set(FOCUS_SETTING, JSON.stringify(Object.fromEntries(map)), now);
  }
}
