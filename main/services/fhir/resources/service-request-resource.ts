import type { ServiceRequest } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { FHIR, systemUri, urnOf } from '../fhir-systems';

type OrderRow = PatientChart['orders'][number];

export const SERVICE_REQUEST_STATUS = {
  draft: 'draft', active: 'active', completed: 'completed', cancelled: 'revoked', 'entered-in-error': 'entered-in-error',
} as const;

/** A lab order; the accession number is its identifier, the specimen a contained Specimen. */
export function toServiceRequestResource(o: OrderRow): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: o.id,
    ...(o.specimen ? { contained: [{ resourceType: 'Specimen', id: 'specimen', type: { text: o.specimen } }] } : {}),
    ...(o.accession_number ? { identifier: [{ system: FHIR.accession, value: o.accession_number }] } : {}),
    status: SERVICE_REQUEST_STATUS[o.status],
    intent: 'order',
    category: [{ coding: [{ system: FHIR.snomed, code: '108252007', display: 'Laboratory procedure' }] }],
    ...(o.priority ? { priority: o.priority } : {}),
    code: { coding: [{ system: systemUri(o.code_system), code: o.code, display: o.display }], text: o.display },
    subject: { reference: urnOf(o.patient_id) },
    ...(o.encounter_id ? { encounter: { reference: urnOf(o.encounter_id) } } : {}),
    authoredOn: o.signed_at ?? o.created_at,
    ...(o.signed_by ?? o.ordered_by ? { requester: { reference: urnOf((o.signed_by ?? o.ordered_by)!) } } : {}),
    ...(o.specimen ? { specimen: [{ reference: '#specimen' }] } : {}),
    ...(o.status_reason ? { note: [{ text: `Cancelled: ${o.status_reason}` }] } : {}),
  };
}
