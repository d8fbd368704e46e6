import type { Condition } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { FHIR, systemUri, urnOf } from '../fhir-systems';

type ProblemRow = PatientChart['problems'][number];

/** A problem-list entry. An entry in error has no clinical status (FHIR con-5). */
export function toConditionResource(p: ProblemRow): Condition {
  const inError = p.status === 'entered-in-error';
  return {
    resourceType: 'Condition',
    id: p.id,
    ...(inError ? {} : { clinicalStatus: { coding: [{ system: FHIR.conditionClinical, code: p.status }] } }),
    verificationStatus: { coding: [{ system: FHIR.conditionVerification, code: inError ? 'entered-in-error' : 'confirmed' }] },
    category: [{ coding: [{ system: FHIR.conditionCategory, code: 'problem-list-item' }] }],
    code: { text: p.condition, ...(p.code && p.code_system ? { coding: [{ system: systemUri(p.code_system), code: p.code }] } : {}) },
    subject: { reference: urnOf(p.patient_id) },
    ...(p.encounter_id ? { encounter: { reference: urnOf(p.encounter_id) } } : {}),
    ...(p.onset_date ? { onsetDateTime: p.onset_date } : {}),
    ...(p.resolved_date ? { abatementDateTime: p.resolved_date } : {}),
    recordedDate: p.created_at,
    ...(p.recorded_by ? { recorder: { reference: urnOf(p.recorded_by) } } : {}),
    ...(p.notes ? { note: [{ text: p.notes }] } : {}),
  };
}
