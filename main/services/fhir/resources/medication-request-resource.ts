import type { MedicationRequest } from '@medplum/fhirtypes';
import { MedicationDetailsSchema } from '../../../../common/domain/orders';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { decimalProperty } from '../fhir-json';
import { FHIR, urnOf } from '../fhir-systems';

type OrderRow = PatientChart['orders'][number];

export const MEDICATION_REQUEST_STATUS = {
  draft: 'draft', active: 'active', completed: 'completed', cancelled: 'cancelled', 'entered-in-error': 'entered-in-error',
} as const;

/** A medication order (prescription) of this clinic. Dose, route and frequency come from orders.details. */
export function toMedicationRequestResource(o: OrderRow): MedicationRequest {
  const d = MedicationDetailsSchema.parse(JSON.parse(o.details));
  const coded = o.code_system !== FHIR.drugName && o.code !== '';
  return {
    resourceType: 'MedicationRequest',
    id: o.id,
    status: MEDICATION_REQUEST_STATUS[o.status],
    ...(o.status_reason ? { statusReason: { text: o.status_reason } } : {}),
    intent: 'order',
    medicationCodeableConcept: { text: o.display, ...(coded ? { coding: [{ system: o.code_system, code: o.code, display: o.display }] } : {}) },
    subject: { reference: urnOf(o.patient_id) },
    ...(o.encounter_id ? { encounter: { reference: urnOf(o.encounter_id) } } : {}),
    authoredOn: o.signed_at ?? o.created_at,
    ...(o.signed_by ?? o.ordered_by ? { requester: { reference: urnOf((o.signed_by ?? o.ordered_by)!) } } : {}),
    ...(o.ordered_by && o.signed_by && o.ordered_by !== o.signed_by ? { recorder: { reference: urnOf(o.ordered_by) } } : {}),
    dosageInstruction: [{
      text: `${d.dose} ${d.doseUnit} ${d.route} ${d.frequency}${d.instructions ? `; ${d.instructions}` : ''}`,
      ...(d.instructions ? { patientInstruction: d.instructions } : {}),
      timing: { code: { text: d.frequency } },
      route: { text: d.route },
      doseAndRate: [{ doseQuantity: { ...decimalProperty('value', String(d.dose)), unit: d.doseUnit } }],
    }],
    dispenseRequest: {
      numberOfRepeatsAllowed: d.refills,
      ...(d.quantity !== null ? { quantity: { value: d.quantity } } : {}),
      ...(d.durationDays !== null ? { expectedSupplyDuration: { value: d.durationDays, unit: 'days', system: FHIR.ucum, code: 'd' } } : {}),
    },
    ...(o.allergy_override_reason ? { note: [{ text: `Allergy warning overridden: ${o.allergy_override_reason}` }] } : {}),
  };
}
