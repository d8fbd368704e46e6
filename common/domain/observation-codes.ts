/**
 * Coded observations: what the chart stores (LOINC + UCUM) and how device codes map to it.
 * Facts from the FHIR vital-signs profile and IEEE 11073-10101 (see shared/devices/PROTOCOLS.md).
 */

export interface ObservationCode {
  loinc: string;
  display: string;
  /** The UCUM unit the chart stores this measurement in; null for panels. */
  ucum: string | null;
  /** Plausible values for hand entry and for sanity checks on device values. */
  plausible?: { min: number; max: number };
}

export const VITAL_SIGNS = {
  vitalSignsPanel: { loinc: '85353-1', display: 'Vital signs panel', ucum: null },
  bloodPressurePanel: { loinc: '85354-9', display: 'Blood pressure panel', ucum: null },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', ucum: 'mm[Hg]', plausible: { min: 40, max: 300 } },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', ucum: 'mm[Hg]', plausible: { min: 20, max: 200 } },
  meanArterial: { loinc: '8478-0', display: 'Mean blood pressure', ucum: 'mm[Hg]', plausible: { min: 20, max: 250 } },
  heartRate: { loinc: '8867-4', display: 'Heart rate', ucum: '/min', plausible: { min: 20, max: 300 } },
  respiratoryRate: { loinc: '9279-1', display: 'Respiratory rate', ucum: '/min', plausible: { min: 2, max: 80 } },
  oxygenSaturation: { loinc: '59408-5', display: 'Oxygen saturation by pulse oximetry', ucum: '%', plausible: { min: 50, max: 100 } },
  bodyTemperature: { loinc: '8310-5', display: 'Body temperature', ucum: 'Cel', plausible: { min: 30, max: 45 } },
  bodyHeight: { loinc: '8302-2', display: 'Body height', ucum: 'cm', plausible: { min: 20, max: 250 } },
  bodyWeight: { loinc: '29463-7', display: 'Body weight', ucum: 'kg', plausible: { min: 0.3, max: 400 } },
  bmi: { loinc: '39156-5', display: 'Body mass index', ucum: 'kg/m2', plausible: { min: 8, max: 90 } },
  bloodGlucose: { loinc: '2339-0', display: 'Glucose [Mass/volume] in Blood', ucum: 'mg/dL', plausible: { min: 10, max: 1500 } },
} as const satisfies Record<string, ObservationCode>;

/** IEEE 11073-10101 MDC codes (numeric code and reference id) that monitors send, mapped to LOINC. */
const MDC_TO_LOINC: Readonly<Record<string, ObservationCode>> = {
  '150456': VITAL_SIGNS.oxygenSaturation, // MDC_PULS_OXIM_SAT_O2
  '149530': VITAL_SIGNS.heartRate, // MDC_PULS_OXIM_PULS_RATE
  '147842': VITAL_SIGNS.heartRate, // MDC_ECG_HEART_RATE
  '149546': VITAL_SIGNS.heartRate, // MDC_PULS_RATE_NON_INV
  '150020': VITAL_SIGNS.bloodPressurePanel, // MDC_PRESS_BLD_NONINV
  '150021': VITAL_SIGNS.systolic, // MDC_PRESS_BLD_NONINV_SYS
  '150022': VITAL_SIGNS.diastolic, // MDC_PRESS_BLD_NONINV_DIA
  '150023': VITAL_SIGNS.meanArterial, // MDC_PRESS_BLD_NONINV_MEAN
  '150344': VITAL_SIGNS.bodyTemperature, // MDC_TEMP
  '150364': VITAL_SIGNS.bodyTemperature, // MDC_TEMP_BODY
  '151562': VITAL_SIGNS.respiratoryRate, // MDC_RESP_RATE
  '151578': VITAL_SIGNS.respiratoryRate, // MDC_TTHOR_RESP_RATE
  '188736': VITAL_SIGNS.bodyWeight, // MDC_MASS_BODY_ACTUAL
  '188740': VITAL_SIGNS.bodyHeight, // MDC_LEN_BODY_ACTUAL
  '188752': VITAL_SIGNS.bmi, // MDC_RATIO_MASS_BODY_LEN_SQ
  '160184': VITAL_SIGNS.bloodGlucose, // MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD
};
const MDC_REF_TO_CODE: Readonly<Record<string, string>> = {
  MDC_PULS_OXIM_SAT_O2: '150456',
  MDC_PULS_OXIM_PULS_RATE: '149530',
  MDC_ECG_HEART_RATE: '147842',
  MDC_PULS_RATE_NON_INV: '149546',
  MDC_PRESS_BLD_NONINV: '150020',
  MDC_PRESS_BLD_NONINV_SYS: '150021',
  MDC_PRESS_BLD_NONINV_DIA: '150022',
  MDC_PRESS_BLD_NONINV_MEAN: '150023',
  MDC_TEMP: '150344',
  MDC_TEMP_BODY: '150364',
  MDC_RESP_RATE: '151562',
  MDC_TTHOR_RESP_RATE: '151578',
  MDC_MASS_BODY_ACTUAL: '188736',
  MDC_LEN_BODY_ACTUAL: '188740',
  MDC_RATIO_MASS_BODY_LEN_SQ: '188752',
  MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD: '160184',
};

/** Common analyzer test codes (as sent in ASTM R-3 / HL7 OBX-3 local codes), mapped to LOINC. */
const LOCAL_LAB_TO_LOINC: Readonly<Record<string, ObservationCode>> = {
  GLU: { loinc: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma', ucum: 'mg/dL' },
  HGB: { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', ucum: 'g/dL' },
  HB: { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', ucum: 'g/dL' },
  WBC: { loinc: '6690-2', display: 'Leukocytes [#/volume] in Blood', ucum: '10*3/uL' },
  RBC: { loinc: '789-8', display: 'Erythrocytes [#/volume] in Blood', ucum: '10*6/uL' },
  PLT: { loinc: '777-3', display: 'Platelets [#/volume] in Blood', ucum: '10*3/uL' },
  HCT: { loinc: '4544-3', display: 'Hematocrit [Volume Fraction] of Blood', ucum: '%' },
  NA: { loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', ucum: 'mmol/L' },
  K: { loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', ucum: 'mmol/L' },
  CL: { loinc: '2075-0', display: 'Chloride [Moles/volume] in Serum or Plasma', ucum: 'mmol/L' },
  CREA: { loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', ucum: 'mg/dL' },
  BUN: { loinc: '3094-0', display: 'Urea nitrogen [Mass/volume] in Serum or Plasma', ucum: 'mg/dL' },
  ALT: { loinc: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', ucum: 'U/L' },
  AST: { loinc: '1920-8', display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', ucum: 'U/L' },
  CHOL: { loinc: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', ucum: 'mg/dL' },
  TRIG: { loinc: '2571-8', display: 'Triglyceride [Mass/volume] in Serum or Plasma', ucum: 'mg/dL' },
  HBA1C: { loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', ucum: '%' },
  CRP: { loinc: '1988-5', display: 'C reactive protein [Mass/volume] in Serum or Plasma', ucum: 'mg/L' },
  TSH: { loinc: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', ucum: 'm[IU]/L' },
};

const ALL_BY_LOINC: ReadonlyMap<string, ObservationCode> = new Map(
  [...Object.values(VITAL_SIGNS), ...Object.values(LOCAL_LAB_TO_LOINC)].map((c) => [c.loinc, c]),
);

/** Plain-text units as devices send them, to UCUM. Case-sensitive first, then case-insensitive. */
const UNIT_TO_UCUM: Readonly<Record<string, string>> = {
  mmHg: 'mm[Hg]', 'mm Hg': 'mm[Hg]', 'mm[Hg]': 'mm[Hg]', MMHG: 'mm[Hg]', '266016': 'mm[Hg]', MDC_DIM_MMHG: 'mm[Hg]',
  bpm: '/min', '/min': '/min', 'beats/min': '/min', 'breaths/min': '/min', 'min-1': '/min', '{beats}/min': '/min',
  '264864': '/min', MDC_DIM_BEAT_PER_MIN: '/min', '264928': '/min', MDC_DIM_RESP_PER_MIN: '/min',
  '%': '%', percent: '%', '262688': '%', MDC_DIM_PERCENT: '%',
  C: 'Cel', '°C': 'Cel', degC: 'Cel', Cel: 'Cel', '268192': 'Cel', MDC_DIM_DEGC: 'Cel',
  F: '[degF]', '°F': '[degF]', degF: '[degF]', '[degF]': '[degF]',
  kg: 'kg', '263875': 'kg', MDC_DIM_KILO_G: 'kg', g: 'g', lb: '[lb_av]', lbs: '[lb_av]', '[lb_av]': '[lb_av]',
  cm: 'cm', '263441': 'cm', MDC_DIM_CENTI_M: 'cm', m: 'm', in: '[in_i]', '[in_i]': '[in_i]',
  'kg/m2': 'kg/m2', 'kg/m^2': 'kg/m2',
  'mg/dL': 'mg/dL', 'mg/dl': 'mg/dL', '264274': 'mg/dL', MDC_DIM_MILLI_G_PER_DL: 'mg/dL',
  'mmol/L': 'mmol/L', 'mmol/l': 'mmol/L', '266866': 'mmol/L', MDC_DIM_MILLI_MOLE_PER_L: 'mmol/L',
  'g/dL': 'g/dL', 'g/dl': 'g/dL', 'g/L': 'g/L', 'mg/L': 'mg/L', 'U/L': 'U/L', 'IU/L': '[IU]/L',
  'mIU/L': 'm[IU]/L', 'uIU/mL': 'u[IU]/mL', '10^3/uL': '10*3/uL', '10*3/uL': '10*3/uL', 'x10^3/uL': '10*3/uL',
  '10^6/uL': '10*6/uL', '10*6/uL': '10*6/uL', 'x10^6/uL': '10*6/uL', 'fL': 'fL', pg: 'pg',
};
const UNIT_TO_UCUM_LOWER: ReadonlyMap<string, string> = new Map(Object.entries(UNIT_TO_UCUM).map(([k, v]) => [k.toLowerCase(), v]));

/** UCUM for a unit as sent (plain text, MDC code or MDC reference id); null when unknown. */
export function toUcum(unit: string): string | null {
  const known = ucumMemo.get(unit);
  if (known !== undefined) return known;
  const u = unit.trim();
  const ucum = u === '' ? null : (UNIT_TO_UCUM[u] ?? UNIT_TO_UCUM_LOWER.get(u.toLowerCase()) ?? null);
  remember(ucumMemo, unit, ucum);
  return ucum;
}

/**
 * Devices send the same few codes and units in every message, so lookups are remembered. Bounded:
 * a device sending ever new codes must not grow them without limit.
 */
const MEMO_LIMIT = 4096;
const ucumMemo = new Map<string, string | null>();
/** Codes without a device map, keyed by system and code; with one, per map (a device's settings object). */
const loincMemo = new Map<string, ObservationCode | null>();
const deviceLoincMemo = new WeakMap<object, Map<string, ObservationCode | null>>();

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

/**
 * LOINC for a code as sent. `system` is the coding system named in the message (MDC, LN, LOINC,
 * L, 99xxx, or null for an analyzer's own code). A device's own map (configured per device) wins.
 */
export function mapToLoinc(
  code: string,
  system: string | null,
  deviceMap?: Readonly<Record<string, string>>,
): ObservationCode | null {
  let memo = loincMemo;
  if (deviceMap) {
    memo = deviceLoincMemo.get(deviceMap) ?? new Map();
    deviceLoincMemo.set(deviceMap, memo);
  }
  const key = `${system ?? ''}\u0000${code}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const mapped = lookUpLoinc(code, system, deviceMap);
  remember(memo, key, mapped);
  return mapped;
}

function lookUpLoinc(
  code: string,
  system: string | null,
  deviceMap: Readonly<Record<string, string>> | undefined,
): ObservationCode | null {
  const c = code.trim();
  const own = deviceMap?.[c];
  if (own) return ALL_BY_LOINC.get(own) ?? { loinc: own, display: own, ucum: null };
  const sys = system?.trim().toUpperCase() ?? '';
  if (sys === 'LN' || sys === 'LOINC' || /^\d{1,7}-\d$/.test(c)) {
    return ALL_BY_LOINC.get(c) ?? (/^\d{1,7}-\d$/.test(c) ? { loinc: c, display: c, ucum: null } : null);
  }
  if (sys === 'MDC' || /^MDC_/.test(c) || MDC_TO_LOINC[c]) {
    return MDC_TO_LOINC[c] ?? MDC_TO_LOINC[MDC_REF_TO_CODE[c] ?? ''] ?? null;
  }
  return LOCAL_LAB_TO_LOINC[c.toUpperCase()] ?? null;
}

export function observationCodeByLoinc(loinc: string): ObservationCode | null {
  return ALL_BY_LOINC.get(loinc) ?? null;
}
