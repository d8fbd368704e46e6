import type { DeviceProtocol, TextEncoding } from '../../../common/domain/devices';
import { isValidMeasurement } from '../../../common/domain/devices';
import { observationCodeByLoinc } from '../../../common/domain/observation-codes';
import type { PreparedReading, SupersedeRule } from '../../../db/repositories/device-reading-repository';
import type { DecodedMessage } from '../../devices/driver';
import type { IdGenerator } from '../../ports/id-generator';
import type { CaptureTarget, CaptureTargeting } from './capture-targeting';
import { observedInstant } from './device-time';

export interface DeviceDecodingSettings {
  protocol: DeviceProtocol;
  encoding: TextEncoding;
  codeMap: Readonly<Record<string, string>>;
  locationId: string | null;
}

/**
 * Looked up once per batch: the readings of a message (and messages of one device) share the
 * device's settings and, per place, patient and sample, the same target.
 */
export interface CaptureLookups {
  settings: Map<string, DeviceDecodingSettings | null>;
  targets: Map<string, CaptureTarget>;
}

export function newLookups(): CaptureLookups {
  return { settings: new Map(), targets: new Map() };
}

export type PreparedCapture =
  | { ok: true; readings: PreparedReading[]; supersede: SupersedeRule }
  | { ok: false; error: string; supersede: SupersedeRule };

export interface CaptureReadingsDeps {
  targeting: CaptureTargeting;
  deviceSettings: (deviceId: string) => Promise<DeviceDecodingSettings | null>;
  clinicZone: () => Promise<string>;
  ids: IdGenerator;
}

/** A lab analyzer's repeat is per sample; a monitor's newer value replaces the older one. */
export function supersedeRuleOf(protocol: DeviceProtocol | undefined): SupersedeRule {
  return protocol === 'astm' ? 'sample' : 'measurement';
}

/**
 * Turns a decoded device message into captured readings: where each goes (encounter, patient,
 * order), whether it is a valid measurement, and when it was measured. Used on the live path (the
 * message the link just decoded, written with its journal entry) and when the journal is
 * processed after a restart (the message re-parsed from the journal).
 */
export class CaptureReadings {
  constructor(private readonly deps: CaptureReadingsDeps) {}

  async settingsOf(deviceId: string, lookups: CaptureLookups): Promise<DeviceDecodingSettings | null> {
    let settings = lookups.settings.get(deviceId);
    if (settings === undefined) {
      settings = await this.deps.deviceSettings(deviceId);
      lookups.settings.set(deviceId, settings);
    }
    return settings;
  }

  async prepare(deviceId: string, message: DecodedMessage, receivedAt: string, lookups: CaptureLookups = newLookups()): Promise<PreparedCapture> {
    const settings = await this.settingsOf(deviceId, lookups);
    const supersede = supersedeRuleOf(settings?.protocol);
    if (!settings) return { ok: false, error: 'The device is no longer configured', supersede };
    const zone = await this.deps.clinicZone();
    const received = new Date(receivedAt);
    const readings: PreparedReading[] = [];
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
        device_id: deviceId,
        patient_id: target.patientId,
        encounter_id: target.encounterId,
        order_id: target.orderId,
        message_patient_id: named.patientId,
        message_patient_match: target.messagePatientMatch,
        patient_conflict: target.conflict ? 1 : 0,
        sample_id: named.sampleId,
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
        observed_at: observedInstant(r.observedAt, received, zone),
        received_at: receivedAt,
      });
    }
    return { ok: true, readings, supersede };
  }
}
