import type { Ieee11073Special } from './sfloat';

/** An SFLOAT field: a decimal string at its precision ("120", "72.5") or a special value. */
export type SfloatField = string | { special: Ieee11073Special };

/** Local wall time as the monitor's clock shows it; 0 in year, month or day means unknown. */
export interface BpTimestamp {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export type PulseRateRange = 'within' | 'above' | 'below' | 'reserved';

export interface BpMeasurementStatus {
  bodyMovement: boolean;
  cuffTooLoose: boolean;
  irregularPulse: boolean;
  pulseRateRange: PulseRateRange;
  improperPosition: boolean;
}

/** One blood-pressure measurement as the report carries it; optional fields are null when absent. */
export interface BpMeasurement {
  units: 'mmHg' | 'kPa';
  systolic: SfloatField;
  diastolic: SfloatField;
  meanArterial: SfloatField;
  timestamp: BpTimestamp | null;
  pulseRate: SfloatField | null;
  /** 0–254; 255 means unknown user. */
  userId: number | null;
  status: BpMeasurementStatus | null;
}
