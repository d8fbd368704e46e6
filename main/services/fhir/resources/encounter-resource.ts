import type { Encounter } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { FHIR, urnOf } from '../fhir-systems';

type EncounterRow = PatientChart['encounters'][number];

export const ENCOUNTER_STATUS = { planned: 'planned', in_progress: 'in-progress', finished: 'finished', cancelled: 'cancelled' } as const;

export function toEncounterResource(e: EncounterRow, practitionerOfProvider: (providerId: string) => string | undefined): Encounter {
  const practitioner = e.provider_id ? practitionerOfProvider(e.provider_id) : undefined;
  const period = e.started_at || e.ended_at ? { ...(e.started_at ? { start: e.started_at } : {}), ...(e.ended_at ? { end: e.ended_at } : {}) } : undefined;
  return {
    resourceType: 'Encounter',
    id: e.id,
    status: ENCOUNTER_STATUS[e.status],
    class: { system: FHIR.actCode, code: 'AMB', display: 'ambulatory' },
    subject: { reference: urnOf(e.patient_id) },
    ...(practitioner ? { participant: [{ individual: { reference: urnOf(practitioner) } }] } : {}),
    ...(period ? { period } : {}),
    ...(e.chief_complaint ? { reasonCode: [{ text: e.chief_complaint }] } : {}),
  };
}
