import type { Organization } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';

export function toOrganizationResource(org: NonNullable<PatientChart['organization']>): Organization {
  const telecom = [
    ...(org.phone ? [{ system: 'phone' as const, value: org.phone }] : []),
    ...(org.email ? [{ system: 'email' as const, value: org.email }] : []),
  ];
  return {
    resourceType: 'Organization',
    id: org.id,
    active: true,
    name: org.name,
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(org.address ? { address: [{ text: org.address }] } : {}),
  };
}
