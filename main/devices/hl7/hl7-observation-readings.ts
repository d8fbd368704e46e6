import type { DecodedReading, ReadingFlag } from '../../../common/domain/devices';
import { mapToLoinc, toUcum } from '../../../common/domain/observation-codes';
import type { Hl7FieldReader, Hl7Fields } from './hl7-segment';
import { hl7TimestampToIso } from './hl7-timestamp';

/** What every reading of one OBR group shares. */
export interface ObservationContext {
  reader: Hl7FieldReader;
  codeMap?: Readonly<Record<string, string>>;
  patientId: string | null;
  sampleId: string | null;
  messageId: string | null;
  /** OBR-7, for OBX without their own OBX-14. */
  orderObservedAt: string | null;
}

/**
 * Panels sent as one OBX with the members as components of OBX-5 (e.g. NIBP `120^80^93`).
 * Each member becomes its own reading under the member's code in the same system.
 */
const PANEL_MEMBERS: Readonly<Record<string, readonly { code: string; display: string }[]>> = {
  '150020': [
    { code: '150021', display: 'MDC_PRESS_BLD_NONINV_SYS' },
    { code: '150022', display: 'MDC_PRESS_BLD_NONINV_DIA' },
    { code: '150023', display: 'MDC_PRESS_BLD_NONINV_MEAN' },
  ],
  MDC_PRESS_BLD_NONINV: [
    { code: 'MDC_PRESS_BLD_NONINV_SYS', display: 'MDC_PRESS_BLD_NONINV_SYS' },
    { code: 'MDC_PRESS_BLD_NONINV_DIA', display: 'MDC_PRESS_BLD_NONINV_DIA' },
    { code: 'MDC_PRESS_BLD_NONINV_MEAN', display: 'MDC_PRESS_BLD_NONINV_MEAN' },
  ],
  '85354-9': [
    { code: '8480-6', display: 'Systolic blood pressure' },
    { code: '8462-4', display: 'Diastolic blood pressure' },
    { code: '8478-0', display: 'Mean blood pressure' },
  ],
};

const ABNORMAL_FLAGS: Readonly<Record<string, ReadingFlag>> = {
  L: 'low', H: 'high', LL: 'critical-low', HH: 'critical-high', A: 'abnormal', AA: 'abnormal',
};

const STATUS_FLAGS: Readonly<Record<string, ReadingFlag>> = {
  P: 'preliminary', R: 'preliminary', S: 'preliminary', C: 'corrected', X: 'invalid', D: 'invalid', W: 'invalid',
};

/** HL7 NM: optional sign, digits, optional decimal point. */
const HL7_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

interface CodedElement {
  code: string;
  text: string;
  system: string;
  altCode: string;
  altSystem: string;
}

/** The readings of one OBX segment: one, or one per panel member. */
export function readingsFromObx(obx: Hl7Fields, ctx: ObservationContext): DecodedReading[] {
  const r = ctx.reader;
  const valueType = r.component(obx, 2).toUpperCase();
  const coded = codedElement(obx, ctx);
  const unitCode = r.component(obx, 6, 1);
  const unitText = r.component(obx, 6, 2);
  const base = {
    unit: unitText || unitCode,
    ucum: toUcum(unitCode) ?? toUcum(unitText),
    referenceRange: r.component(obx, 7) || null,
    statusFlags: statusFlags(obx, r),
    observedAt: hl7TimestampToIso(r.component(obx, 14)) ?? ctx.orderObservedAt,
  };
  const members = PANEL_MEMBERS[coded.code] ?? PANEL_MEMBERS[coded.text];
  const firstValue = members ? r.firstRepetition(obx, 5) : '';
  const components = members ? r.components(firstValue) : [];
  if (members && (components.length > 1 || firstValue === '')) {
    // A panel header without values describes the group; its members follow as their own OBX.
    return components.length > 1
      ? members.slice(0, components.length).map((m, i) => reading(
        { ...coded, code: m.code, text: m.display, altCode: '', altSystem: '' }, components[i] ?? '', valueType, base, ctx))
      : [];
  }
  return [reading(coded, valueText(obx, valueType, ctx), valueType, base, ctx)];
}

function reading(
  coded: CodedElement,
  value: string,
  valueType: string,
  base: { unit: string; ucum: string | null; referenceRange: string | null; statusFlags: ReadingFlag[]; observedAt: string | null },
  ctx: ObservationContext,
): DecodedReading {
  const mapped = mapToLoinc(coded.code, coded.system || null, ctx.codeMap)
    ?? (coded.text ? mapToLoinc(coded.text, coded.system || null, ctx.codeMap) : null)
    ?? (coded.altCode ? mapToLoinc(coded.altCode, coded.altSystem || null, ctx.codeMap) : null);
  const flags = [...base.statusFlags];
  if (value === '') flags.push('no-reading');
  else if (valueType === 'NM' && !HL7_NUMBER.test(value)) flags.push('invalid');
  const unique = flags.length < 2 ? flags : [...new Set(flags)];
  return {
    protocol: 'hl7',
    code: coded.code,
    codeSystem: coded.system || null,
    display: coded.text || mapped?.display || null,
    loinc: mapped?.loinc ?? null,
    ucum: base.ucum,
    value,
    unit: base.unit,
    flags: unique,
    referenceRange: base.referenceRange,
    comments: [],
    patientId: ctx.patientId,
    sampleId: ctx.sampleId,
    messageId: ctx.messageId,
    observedAt: base.observedAt,
  };
}

function codedElement(obx: Hl7Fields, ctx: ObservationContext): CodedElement {
  const parts = ctx.reader.components(ctx.reader.firstRepetition(obx, 3));
  return {
    code: parts[0] ?? '',
    text: parts[1] ?? '',
    system: parts[2] ?? '',
    altCode: parts[3] ?? '',
    altSystem: parts[5] ?? '',
  };
}

/**
 * OBX-5 as sent. SN (structured numeric: comparator^num1^separator^num2) reads as one string,
 * e.g. `<^5` -> "<5", `^10^-^20` -> "10-20". Other multi-component or repeated values keep the
 * message's own separators between the unescaped parts.
 */
function valueText(obx: Hl7Fields, valueType: string, ctx: ObservationContext): string {
  const r = ctx.reader;
  // Without escapes, splitting into repetitions and components and joining them again with the
  // same separators gives the field back as sent.
  const raw = r.raw(obx, 5);
  if (valueType !== 'SN' && raw.indexOf(r.delimiters.escape) < 0) return raw;
  const reps = r.repetitions(obx, 5);
  if (valueType === 'SN') return reps.map((rep) => r.components(rep).join('')).join(r.delimiters.repeat);
  return reps.map((rep) => r.components(rep).join(r.delimiters.component)).join(r.delimiters.repeat);
}

/** OBX-8 abnormal flags (first component of each repetition), then the OBX-11 result status. */
function statusFlags(obx: Hl7Fields, r: Hl7FieldReader): ReadingFlag[] {
  const abnormal = obx.field(8) === '' ? [] : flagsFrom(r.repetitions(obx, 8).map((f) => r.components(f)[0] ?? ''), ABNORMAL_FLAGS);
  const status = STATUS_FLAGS[r.component(obx, 11).toUpperCase().trim()];
  if (status) abnormal.push(status);
  return abnormal;
}

function flagsFrom(codes: readonly string[], table: Readonly<Record<string, ReadingFlag>>): ReadingFlag[] {
  const flags: ReadingFlag[] = [];
  for (const c of codes) {
    const flag = table[c.trim()];
    if (flag) flags.push(flag);
  }
  return flags;
}
