import type { Practitioner } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';

/** A provider of the schedule (encounters name them). */
export function providerToPractitioner(provider: PatientChart['providers'][number]): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: provider.id,
    active: provider.active === 1,
    name: [{ family: provider.family_name, given: [provider.given_name] }],
    ...(provider.license_number ? { identifier: [{ system: 'urn:aipc:license-number', value: provider.license_number }] } : {}),
  };
}

/** A user who recorded, ordered or performed something: known by display name only. */
export function userToPractitioner(user: PatientChart['users'][number]): Practitioner {
  return { resourceType: 'Practitioner', id: user.id, name: [{ text: user.display_name }] };
}
