import type { BpMeasurement, BpMeasurementStatus, BpTimestamp, PulseRateRange, SfloatField } from './bp-measurement';
import { BP_FLAGS, BP_MEASUREMENT_REPORT_ID, BP_OFFSET, BP_STATUS, HID_REPORT_LENGTH } from './bp-report-layout';
import { encodeSfloat } from './sfloat';

const RANGE_CODE: Readonly<Record<PulseRateRange, number>> = { within: 0, above: 1, below: 2, reserved: 3 };

/** The 64-byte input report for a measurement (pure; the simulator and tests use it). */
export function buildBpReport(m: BpMeasurement): Uint8Array {
  const report = new Uint8Array(HID_REPORT_LENGTH);
  const view = new DataView(report.buffer);
  report[BP_OFFSET.reportId] = BP_MEASUREMENT_REPORT_ID;
  view.setUint16(BP_OFFSET.systolic, sfloatWord(m.systolic), true);
  view.setUint16(BP_OFFSET.diastolic, sfloatWord(m.diastolic), true);
  view.setUint16(BP_OFFSET.meanArterial, sfloatWord(m.meanArterial), true);
  let flags = m.units === 'kPa' ? BP_FLAGS.unitsKpa : 0;
  let at: number = BP_OFFSET.optional;
  if (m.timestamp) {
    flags |= BP_FLAGS.timestampPresent;
    at = writeTimestamp(view, at, m.timestamp);
  }
  if (m.pulseRate !== null) {
    flags |= BP_FLAGS.pulseRatePresent;
    view.setUint16(at, sfloatWord(m.pulseRate), true);
    at += 2;
  }
  if (m.userId !== null) {
    flags |= BP_FLAGS.userIdPresent;
    view.setUint8(at, m.userId);
    at += 1;
  }
  if (m.status) {
    flags |= BP_FLAGS.measurementStatusPresent;
    view.setUint16(at, statusWord(m.status), true);
  }
  report[BP_OFFSET.flags] = flags;
  return report;
}

function sfloatWord(field: SfloatField): number {
  return encodeSfloat(typeof field === 'string' ? field : field.special);
}

function writeTimestamp(view: DataView, at: number, t: BpTimestamp): number {
  view.setUint16(at, t.year, true);
  [t.month, t.day, t.hours, t.minutes, t.seconds].forEach((v, i) => view.setUint8(at + 2 + i, v));
  return at + 7;
}

function statusWord(s: BpMeasurementStatus): number {
  return (s.bodyMovement ? BP_STATUS.bodyMovement : 0)
    | (s.cuffTooLoose ? BP_STATUS.cuffTooLoose : 0)
    | (s.irregularPulse ? BP_STATUS.irregularPulse : 0)
    | (RANGE_CODE[s.pulseRateRange] << BP_STATUS.pulseRateRangeShift)
    | (s.improperPosition ? BP_STATUS.improperPosition : 0);
}
