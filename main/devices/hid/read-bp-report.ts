import type { RejectReason } from '../driver';
import type { BpMeasurement, BpMeasurementStatus, BpTimestamp, PulseRateRange, SfloatField } from './bp-measurement';
import {
  BP_FLAGS, BP_MEASUREMENT_REPORT_ID, BP_OFFSET, BP_STATUS, BP_TIMESTAMP_LENGTH, HID_REPORT_LENGTH,
} from './bp-report-layout';
import { decodeSfloat } from './sfloat';

/** A report this driver cannot read; `reason` is what the decoder reports. */
export class HidReportError extends Error {
  override readonly name = 'HidReportError';
  constructor(readonly reason: Extract<RejectReason, 'truncated' | 'unsupported'>, message: string) {
    super(message);
  }
}

const RANGES: readonly PulseRateRange[] = ['within', 'above', 'below', 'reserved'];

/** One 64-byte report -> the measurement it carries (inverse of buildBpReport). Throws HidReportError. */
export function readBpReport(report: Uint8Array): BpMeasurement {
  if (report.length !== HID_REPORT_LENGTH) {
    throw new HidReportError('truncated', `a report is ${HID_REPORT_LENGTH} bytes, got ${report.length}`);
  }
  const id = report[BP_OFFSET.reportId] ?? 0;
  if (id !== BP_MEASUREMENT_REPORT_ID) {
    throw new HidReportError('unsupported', `report id 0x${id.toString(16).padStart(2, '0')} is not a blood-pressure measurement`);
  }
  const view = new DataView(report.buffer, report.byteOffset, report.byteLength);
  const flags = report[BP_OFFSET.flags] ?? 0;
  let at: number = BP_OFFSET.optional;
  let timestamp: BpTimestamp | null = null;
  if (flags & BP_FLAGS.timestampPresent) {
    timestamp = readTimestamp(view, at);
    at += BP_TIMESTAMP_LENGTH;
  }
  let pulseRate: SfloatField | null = null;
  if (flags & BP_FLAGS.pulseRatePresent) {
    pulseRate = sfloatField(view, at);
    at += 2;
  }
  let userId: number | null = null;
  if (flags & BP_FLAGS.userIdPresent) {
    userId = view.getUint8(at);
    at += 1;
  }
  const status = flags & BP_FLAGS.measurementStatusPresent ? readStatus(view.getUint16(at, true)) : null;
  return {
    units: flags & BP_FLAGS.unitsKpa ? 'kPa' : 'mmHg',
    systolic: sfloatField(view, BP_OFFSET.systolic),
    diastolic: sfloatField(view, BP_OFFSET.diastolic),
    meanArterial: sfloatField(view, BP_OFFSET.meanArterial),
    timestamp,
    pulseRate,
    userId,
    status,
  };
}

function sfloatField(view: DataView, at: number): SfloatField {
  const n = decodeSfloat(view.getUint16(at, true));
  return n.kind === 'number' ? n.value : { special: n.special };
}

function readTimestamp(view: DataView, at: number): BpTimestamp {
  return {
    year: view.getUint16(at, true),
    month: view.getUint8(at + 2),
    day: view.getUint8(at + 3),
    hours: view.getUint8(at + 4),
    minutes: view.getUint8(at + 5),
    seconds: view.getUint8(at + 6),
  };
}

function readStatus(word: number): BpMeasurementStatus {
  return {
    bodyMovement: (word & BP_STATUS.bodyMovement) !== 0,
    cuffTooLoose: (word & BP_STATUS.cuffTooLoose) !== 0,
    irregularPulse: (word & BP_STATUS.irregularPulse) !== 0,
    pulseRateRange: RANGES[(word & BP_STATUS.pulseRateRangeMask) >> BP_STATUS.pulseRateRangeShift] ?? 'reserved',
    improperPosition: (word & BP_STATUS.improperPosition) !== 0,
  };
}
