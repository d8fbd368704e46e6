/**
 * The HID input report of the blood-pressure monitor: the Bluetooth Blood Pressure Measurement
 * characteristic (0x2A35) behind a report id, zero-padded to a fixed length.
 * docs/device-hid-report.md has the byte table; keep the two in step.
 */
export const HID_REPORT_LENGTH = 64;
export const BP_MEASUREMENT_REPORT_ID = 0x01;

export const BP_FLAGS = {
  /** 0: mmHg, 1: kPa. */
  unitsKpa: 0x01,
  timestampPresent: 0x02,
  pulseRatePresent: 0x04,
  userIdPresent: 0x08,
  measurementStatusPresent: 0x10,
} as const;

/** Measurement status (uint16 LE), as in the Bluetooth characteristic. */
export const BP_STATUS = {
  bodyMovement: 0x0001,
  cuffTooLoose: 0x0002,
  irregularPulse: 0x0004,
  /** Bits 3–4: 0 within range, 1 above upper limit, 2 below lower limit. */
  pulseRateRangeMask: 0x0018,
  pulseRateRangeShift: 3,
  improperPosition: 0x0020,
} as const;

/** Byte offsets of the fixed part; optional fields follow in flag order. */
export const BP_OFFSET = { reportId: 0, flags: 1, systolic: 2, diastolic: 4, meanArterial: 6, optional: 8 } as const;
export const BP_TIMESTAMP_LENGTH = 7;
export const BP_USER_UNKNOWN = 0xff;
