import type { Identifier, Patient } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { FHIR, urnOf } from '../fhir-systems';

const IDENTIFIER_SYSTEMS = { national_id: FHIR.nationalId, insurance: FHIR.insurance, other: FHIR.otherIdentifier } as const;

export function patientIdentifierSystem(system: keyof typeof IDENTIFIER_SYSTEMS): string {
  return IDENTIFIER_SYSTEMS[system];
}

export function toPatientResource(chart: Pick<PatientChart, 'patient' | 'identifiers' | 'organization'>): Patient {
  const p = chart.patient;
  const identifier: Identifier[] = [
    { use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: FHIR.mrn, value: p.mrn },
    ...chart.identifiers.map((i): Identifier => ({ system: IDENTIFIER_SYSTEMS[i.system], value: i.value })),
  ];
  const address = [p.address_line, p.city, p.region, p.postal_code, p.country].some((v) => v)
    ? [{
      ...(p.address_line ? { line: [p.address_line] } : {}),
      ...(p.city ? { city: p.city } : {}),
      ...(p.region ? { state: p.region } : {}),
      ...(p.postal_code ? { postalCode: p.postal_code } : {}),
      ...(p.country ? { country: p.country } : {}),
    }]
    : undefined;
  const telecom = [
    ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : []),
    ...(p.email ? [{ system: 'email' as const, value: p.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier,
    active: p.active === 1,
    name: [{ use: 'official', family: p.family_name, given: [p.given_name, ...(p.middle_name ? [p.middle_name] : [])] }],
    gender: p.sex,
    birthDate: p.date_of_birth,
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(address ? { address } : {}),
    ...(chart.organization ? { managingOrganization: { reference: urnOf(chart.organization.id) } } : {}),
  };
}
