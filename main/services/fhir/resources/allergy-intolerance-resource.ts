import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { FHIR, systemUri, urnOf } from '../fhir-systems';

type AllergyRow = PatientChart['allergies'][number];

/**
 * An allergy. FHIR states a severity per reaction, so a severity without a described reaction is
 * written with the reaction "unspecified reaction" (and read back as no reaction).
 */
export const UNSPECIFIED_REACTION = 'unspecified reaction';

export function toAllergyIntoleranceResource(a: AllergyRow): AllergyIntolerance {
  const inError = a.status === 'entered-in-error';
  const severity = a.severity === 'unknown' ? undefined : a.severity;
  const reaction = a.reaction || severity
    ? [{ manifestation: [{ text: a.reaction || UNSPECIFIED_REACTION }], ...(severity ? { severity } : {}) }]
    : undefined;
  return {
    resourceType: 'AllergyIntolerance',
    id: a.id,
    ...(inError ? {} : { clinicalStatus: { coding: [{ system: FHIR.allergyClinical, code: a.status }] } }),
    verificationStatus: { coding: [{ system: FHIR.allergyVerification, code: inError ? 'entered-in-error' : 'confirmed' }] },
    category: [a.category === 'drug' ? 'medication' : 'environment'],
    code: { text: a.allergen, ...(a.code && a.code_system ? { coding: [{ system: systemUri(a.code_system), code: a.code }] } : {}) },
    patient: { reference: urnOf(a.patient_id) },
    recordedDate: a.created_at,
    ...(a.recorded_by ? { recorder: { reference: urnOf(a.recorded_by) } } : {}),
    ...(reaction ? { reaction } : {}),
  };
}
