import type { DecodedReading, ReadingFlag } from '../../../common/domain/devices';
import { type ObservationCode, VITAL_SIGNS } from '../../../common/domain/observation-codes';
import type { DecodedMessage, DecoderOptions } from '../driver';
import type { BpMeasurementStatus, BpTimestamp, SfloatField } from './bp-measurement';
import { readBpReport } from './read-bp-report';

export const BP_MESSAGE_TYPE = 'hid-bp-measurement';

/** IEEE 11073-10101 codes for what the report carries (the code system Bluetooth BP devices use). */
const MDC = {
  systolic: '150021', // MDC_PRESS_BLD_NONINV_SYS
  diastolic: '150022', // MDC_PRESS_BLD_NONINV_DIA
  meanArterial: '150023', // MDC_PRESS_BLD_NONINV_MEAN
  pulseRate: '149546', // MDC_PULS_RATE_NON_INV
} as const;

/** One 64-byte blood-pressure report -> systolic, diastolic, mean and (if present) pulse readings. */
export function parseBpReport(raw: Uint8Array, _options?: DecoderOptions): DecodedMessage {
  const m = readBpReport(raw);
  const observedAt = m.timestamp ? localIsoTime(m.timestamp) : null;
  const shared = { flags: statusFlags(m.status), observedAt };
  const pressureUnit = { unit: m.units, ucum: m.units === 'kPa' ? 'kPa' : 'mm[Hg]' };
  const readings = [
    reading(MDC.systolic, VITAL_SIGNS.systolic, m.systolic, pressureUnit, shared),
    reading(MDC.diastolic, VITAL_SIGNS.diastolic, m.diastolic, pressureUnit, shared),
    reading(MDC.meanArterial, VITAL_SIGNS.meanArterial, m.meanArterial, pressureUnit, shared),
  ];
  if (m.pulseRate !== null) {
    readings.push(reading(MDC.pulseRate, VITAL_SIGNS.heartRate, m.pulseRate, { unit: 'bpm', ucum: '/min' }, {
      flags: [...shared.flags, ...pulseRangeFlags(m.status)],
      observedAt,
      comments: m.status?.irregularPulse ? ['irregular pulse detected'] : [],
    }));
  }
  return {
    protocol: 'hid',
    type: BP_MESSAGE_TYPE,
    messageId: null,
    patientId: null,
    sampleId: null,
    readings,
    detail: { reportId: raw[0] ?? 0, measurement: m },
  };
}

function reading(
  code: string,
  observation: ObservationCode,
  field: SfloatField,
  unit: { unit: string; ucum: string },
  extra: { flags: ReadingFlag[]; observedAt: string | null; comments?: string[] },
): DecodedReading {
  const special = typeof field === 'string' ? null : field.special;
  return {
    protocol: 'hid',
    code,
    codeSystem: 'MDC',
    display: observation.display,
    loinc: observation.loinc,
    ucum: unit.ucum,
    value: special === null ? (field as string) : '',
    unit: unit.unit,
    flags: special === null ? extra.flags : ['invalid', ...extra.flags],
    referenceRange: null,
    comments: [...(special === null ? [] : [`SFLOAT special value ${special}`]), ...(extra.comments ?? [])],
    patientId: null,
    sampleId: null,
    messageId: null,
    observedAt: extra.observedAt,
  };
}

/** Body movement, a loose cuff or a bad position make every value of the measurement suspect. */
function statusFlags(status: BpMeasurementStatus | null): ReadingFlag[] {
  if (!status) return [];
  return status.bodyMovement || status.cuffTooLoose || status.improperPosition ? ['artifact'] : [];
}

function pulseRangeFlags(status: BpMeasurementStatus | null): ReadingFlag[] {
  if (status?.pulseRateRange === 'above') return ['high'];
  if (status?.pulseRateRange === 'below') return ['low'];
  return [];
}

/** "2026-03-05T14:30:00": the monitor's wall clock, no offset. Null when unknown or impossible. */
export function localIsoTime(t: BpTimestamp): string | null {
  if (t.year === 0 || t.month === 0 || t.day === 0) return null;
  const daysInMonth = new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
  const valid = t.year >= 1582 && t.year <= 9999 && t.month <= 12 && t.day <= daysInMonth
    && t.hours <= 23 && t.minutes <= 59 && t.seconds <= 59;
  if (!valid) return null;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}T${two(t.hours)}:${two(t.minutes)}:${two(t.seconds)}`;
}
