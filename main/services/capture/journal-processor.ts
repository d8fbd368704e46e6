import type { DeviceProtocol, TextEncoding } from '../../../common/domain/devices';
import { isValidMeasurement } from '../../../common/domain/devices';
import { observationCodeByLoinc } from '../../../common/domain/observation-codes';
import type { DeviceJournalRepository, JournalRow } from '../../../db/repositories/device-journal-repository';
import type { DeviceReadingRepository, NewDeviceReading, ProcessedJournalEntry } from '../../../db/repositories/device-reading-repository';
import { driverFor } from '../../devices/drivers';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import type { CaptureTarget, CaptureTargeting } from './capture-targeting';
import { observedInstant } from './device-time';

export interface DeviceDecodingSettings {
  protocol: DeviceProtocol;
  encoding: TextEncoding;
  codeMap: Readonly<Record<string, string>>;
  locationId: string | null;
}

export interface JournalProcessorDeps {
  journal: DeviceJournalRepository;
  readings: DeviceReadingRepository;
  targeting: CaptureTargeting;
  deviceSettings: (deviceId: string) => Promise<DeviceDecodingSettings | null>;
  clinicZone: () => Promise<string>;
  clock: Clock;
  ids: IdGenerator;
  /** After each committed batch: the new readings and the ones they superseded. */
  onProcessed: (readingIds: string[], supersededIds: string[]) => void;
  onError: (error: unknown) => void;
}

const BATCH = 200;

/**
 * Looked up once per batch: the readings of a message (and messages of one device) share the
 * device's settings and, per place, patient and sample, the same target. Nothing of the batch is
 * written until its end, so the answers cannot change within it.
 */
interface BatchLookups {
  settings: Map<string, DeviceDecodingSettings | null>;
  targets: Map<string, CaptureTarget>;
}

/**
 * Turns journal entries into captured readings waiting for a clinician. Runs after every journal
 * commit and once at start-up, so entries a crash left unprocessed are picked up; each batch is
 * one transaction (readings in, entries marked processed), so an entry is processed exactly once.
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
    const now = this.deps.clock.now();
    const zone = await this.deps.clinicZone();
    const entries: ProcessedJournalEntry[] = [];
    const lookups: BatchLookups = { settings: new Map(), targets: new Map() };
    for (const row of rows) entries.push(await this.processEntry(row, zone, lookups));
    const superseded = await this.deps.readings.recordProcessed(entries, now.toISOString());
    this.deps.onProcessed(entries.flatMap((e) => e.readings.map((r) => r.id)), superseded);
  }

  private async processEntry(row: JournalRow, zone: string, lookups: BatchLookups): Promise<ProcessedJournalEntry> {
    let settings = lookups.settings.get(row.device_id);
    if (settings === undefined) {
      settings = await this.deps.deviceSettings(row.device_id);
      lookups.settings.set(row.device_id, settings);
    }
    const supersede = settings?.protocol === 'astm' ? 'sample' : 'measurement';
    if (!settings) return { seq: row.seq, readings: [], error: 'The device is no longer configured', supersede };
    let message;
    try {
      message = driverFor(settings.protocol).parse(row.raw, { encoding: settings.encoding, codeMap: settings.codeMap });
    } catch (error) {
      return { seq: row.seq, readings: [], error: `Could not decode: ${error instanceof Error ? error.message : String(error)}`, supersede };
    }
    const receivedAt = new Date(row.received_at);
    const readings: NewDeviceReading[] = [];
    for (const r of message.readings) {
      const named = { patientId: r.patientId ?? message.patientId, sampleId: r.sampleId ?? message.sampleId };
      const key = JSON.stringify([settings.locationId, named.patientId, named.sampleId]);
      let target = lookups.targets.get(key);
      if (!target) {
        target = await this.deps.targeting.resolve({ locationId: settings.locationId }, named);
        lookups.targets.set(key, target);
      }
      readings.push({
        id: this.deps.ids.uuid(),
        journal_seq: row.seq,
        device_id: row.device_id,
        patient_id: target.patientId,
        encounter_id: target.encounterId,
        order_id: target.orderId,
        message_patient_id: r.patientId ?? message.patientId,
        message_patient_match: target.messagePatientMatch,
        patient_conflict: target.conflict ? 1 : 0,
        sample_id: r.sampleId ?? message.sampleId,
        code: r.code,
        code_system: r.codeSystem,
        // The chart's name for a mapped code ("Systolic blood pressure"), not the device's mnemonic.
        display: (r.loinc ? observationCodeByLoinc(r.loinc)?.display : undefined) ?? r.display,
        loinc: r.loinc,
        ucum: r.ucum,
        value_text: r.value,
        unit: r.unit,
        flags: JSON.stringify(r.flags),
        reference_range: r.referenceRange,
        comments: JSON.stringify(r.comments),
        valid: isValidMeasurement(r.flags) ? 1 : 0,
        observed_at: observedInstant(r.observedAt, receivedAt, zone),
        received_at: row.received_at,
      });
    }
    return { seq: row.seq, readings, error: null, supersede };
  }
}
