import type { DeviceJournalRepository, JournalRow } from '../../../db/repositories/device-journal-repository';
import type { DeviceReadingRepository, ProcessedJournalEntry } from '../../../db/repositories/device-reading-repository';
import { driverFor } from '../../devices/drivers';
import type { Clock } from '../../ports/clock';
import { newLookups, supersedeRuleOf, type CaptureLookups, type CaptureReadings } from './capture-readings';

export interface JournalProcessorDeps {
  journal: DeviceJournalRepository;
  readings: DeviceReadingRepository;
  capture: CaptureReadings;
  clock: Clock;
  /** After each committed batch: the new readings and the ones they superseded. */
  onProcessed: (readingIds: string[], supersededIds: string[]) => void;
  onError: (error: unknown) => void;
}

const BATCH = 200;

/**
 * Processes journal entries that are still pending: those a crash or power cut left between the
 * journal commit and their processing, and any the live path could not prepare. Runs at start-up
 * and whenever the live path leaves an entry pending; each batch is one transaction (readings in,
 * entries marked processed), so an entry is processed exactly once.
 */
export class JournalProcessor {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: JournalProcessorDeps) {}

  /** Process everything pending; coalesces calls made while a run is under way. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        let after = 0;
        for (;;) {
          const rows = await this.deps.journal.pending(BATCH, after);
          if (rows.length === 0) break;
          await this.processBatch(rows);
          after = rows[rows.length - 1]!.seq;
          if (rows.length < BATCH) break;
        }
      } catch (error) {
        this.deps.onError(error);
      }
    } while (this.again);
  }

  private async processBatch(rows: JournalRow[]): Promise<void> {
    const lookups = newLookups();
    const entries: ProcessedJournalEntry[] = [];
    for (const row of rows) entries.push(await this.processEntry(row, lookups));
    const superseded = await this.deps.readings.recordProcessed(entries, this.deps.clock.now().toISOString());
    this.deps.onProcessed(entries.flatMap((e) => e.readings.map((r) => r.id)), superseded);
  }

  private async processEntry(row: JournalRow, lookups: CaptureLookups): Promise<ProcessedJournalEntry> {
    const settings = await this.deps.capture.settingsOf(row.device_id, lookups);
    const supersede = supersedeRuleOf(settings?.protocol);
    if (!settings) return { seq: row.seq, readings: [], error: 'The device is no longer configured', supersede };
    let message;
    try {
      message = driverFor(settings.protocol).parse(row.raw, { encoding: settings.encoding, codeMap: settings.codeMap });
    } catch (error) {
      return { seq: row.seq, readings: [], error: `Could not decode: ${error instanceof Error ? error.message : String(error)}`, supersede };
    }
    const prepared = await this.deps.capture.prepare(row.device_id, message, row.received_at, lookups);
    if (!prepared.ok) return { seq: row.seq, readings: [], error: prepared.error, supersede };
    return { seq: row.seq, readings: prepared.readings.map((r) => ({ ...r, journal_seq: row.seq })), error: null, supersede };
  }
}
