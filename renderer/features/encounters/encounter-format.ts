import type { CapturedReading, OpenEncounter } from '../../../common/domain/captures';
import { describeDeviceState, INVALID_FLAGS, type DeviceState } from '../../../common/domain/devices';
import { PATHS } from '../shell/app-paths';

export function encounterPath(id: string): string {
  return PATHS.encounter.replace(':encounterId', encodeURIComponent(id));
}

/** An open encounter is "planned" from check-in until the patient is taken to a room. */
export const ENCOUNTER_STATUS_LABELS: Readonly<Record<OpenEncounter['status'], string>> = {
  planned: 'Checked in',
  in_progress: 'In room',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

/** A device's state in words (shared with the admin Devices page). */
export const deviceStateLabel = describeDeviceState;

export function deviceStateTone(state: DeviceState): 'ok' | 'warn' | 'danger' | 'muted' {
  switch (state) {
    case 'connected':
    case 'receiving':
      return 'ok';
    case 'idle':
    case 'connecting':
      return 'warn';
    case 'error':
      return 'danger';
    default:
      return 'muted';
  }
}

/** "sensor-alarm" -> "sensor alarm": flags as words a nurse reads. */
export function flagText(flag: string): string {
  return flag.replace(/-/g, ' ');
}

/** Why a reading can never be charted, e.g. "artifact, sensor alarm". */
export function invalidReason(reading: Pick<CapturedReading, 'flags' | 'comments'>): string | null {
  const flags = reading.flags.filter((f) => INVALID_FLAGS.includes(f)).map(flagText);
  if (flags.length > 0) return flags.join(', ');
  return reading.comments.length > 0 ? reading.comments.join('; ') : null;
}

export function invalidMessage(reading: Pick<CapturedReading, 'flags' | 'comments'>): string {
  const reason = invalidReason(reading);
  return reason ? `Not a valid measurement: ${reason}` : 'Not a valid measurement';
}

/** What the reading measured: the display name, or the code as the device sent it. */
export function measurementName(reading: Pick<CapturedReading, 'display' | 'code'>): string {
  return reading.display?.trim() || reading.code;
}

/** Groups readings of one measurement: LOINC when mapped, otherwise the device's own code. */
export function measurementKey(reading: Pick<CapturedReading, 'deviceId' | 'loinc' | 'codeSystem' | 'code'>): string {
  return `${reading.deviceId}|${reading.loinc ?? `${reading.codeSystem ?? ''}:${reading.code}`}`;
}

const timeWithSeconds = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** Readings stream within one visit: the time of day, to the second, is what matters. */
export function formatObservedTime(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : timeWithSeconds.format(date);
}
