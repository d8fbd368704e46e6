import type { Observation } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { VITAL_SIGNS } from '../../../../common/domain/observation-codes';
import { decimalProperty } from '../fhir-json';
import { FHIR, systemUri, urnOf } from '../fhir-systems';

type ObservationRow = PatientChart['observations'][number];

const VITAL_LOINC: ReadonlySet<string> = new Set(Object.values(VITAL_SIGNS).map((v) => v.loinc));
const NUMERIC = /^-?\d+(\.\d+)?$/;

export function isVitalSign(o: Pick<ObservationRow, 'code_system' | 'code' | 'order_id'>): boolean {
  return o.code_system === FHIR.loinc && VITAL_LOINC.has(o.code) && o.order_id === null;
}

/** Flags as stored (JSON list or single word) mapped to v3 ObservationInterpretation. */
const INTERPRETATION: Readonly<Record<string, string>> = {
  low: 'L', high: 'H', 'critical-low': 'LL', 'critical-high': 'HH', critical: 'AA', abnormal: 'A', normal: 'N',
};

function interpretationCodes(stored: string | null): string[] {
  if (!stored) return [];
  let flags: unknown;
  try {
    flags = JSON.parse(stored);
  } catch {
    flags = [stored];
  }
  return (Array.isArray(flags) ? flags : []).flatMap((f) => (typeof f === 'string' && INTERPRETATION[f] ? [INTERPRETATION[f]] : []));
}

/**
 * A measurement. Vital signs follow the FHIR vital-signs profile (category, LOINC, UCUM); the
 * value keeps the precision it was measured with ("37.0") through decimalProperty.
 */
export function toObservationResource(o: ObservationRow): Observation {
  const vital = isVitalSign(o);
  const value = o.value_text !== null && NUMERIC.test(o.value_text)
    ? { valueQuantity: { ...decimalProperty('value', o.value_text), ...(o.unit ? { unit: o.unit, system: FHIR.ucum, code: o.unit } : {}) } }
    : o.value_text !== null ? { valueString: o.value_text } : { dataAbsentReason: { text: 'No value recorded' } };
  const interpretation = interpretationCodes(o.interpretation);
  return {
    resourceType: 'Observation',
    id: o.id,
    ...(vital ? { meta: { profile: [FHIR.vitalSignsProfile] } } : {}),
    status: o.status,
    category: [{ coding: [{ system: FHIR.observationCategory, code: vital ? 'vital-signs' : 'laboratory' }] }],
    code: { coding: [{ system: systemUri(o.code_system), code: o.code, ...(o.display ? { display: o.display } : {}) }], ...(o.display ? { text: o.display } : {}) },
    subject: { reference: urnOf(o.patient_id) },
    ...(o.encounter_id ? { encounter: { reference: urnOf(o.encounter_id) } } : {}),
    ...(o.order_id ? { basedOn: [{ reference: urnOf(o.order_id) }] } : {}),
    effectiveDateTime: o.observed_at,
    ...(o.performer_id ? { performer: [{ reference: urnOf(o.performer_id) }] } : {}),
    ...value,
    ...(interpretation.length > 0
      ? { interpretation: interpretation.map((code) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code }] })) }
      : {}),
    ...(o.reference_range ? { referenceRange: [{ text: o.reference_range }] } : {}),
    ...(o.source === 'device' ? { method: { text: 'device' } } : {}),
  };
}
