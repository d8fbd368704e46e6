import { createHash } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../db/repositories/patient-chart-repository';
import { urnOf } from './fhir-systems';
import { toAllergyIntoleranceResource } from './resources/allergy-intolerance-resource';
import { toCarePlanResource, toGoalResource } from './resources/care-plan-resource';
import { toConditionResource } from './resources/condition-resource';
import { toDiagnosticReportResource } from './resources/diagnostic-report-resource';
import { toEncounterResource } from './resources/encounter-resource';
import { toMedicationRequestResource } from './resources/medication-request-resource';
import { toObservationResource } from './resources/observation-resource';
import { toOrganizationResource } from './resources/organization-resource';
import { toPatientResource } from './resources/patient-resource';
import { providerToPractitioner, userToPractitioner } from './resources/practitioner-resource';
import { toServiceRequestResource } from './resources/service-request-resource';

/** A report has no row of its own: its id is a name-based UUID of its order, stable across exports. */
export function reportIdOf(orderId: string): string {
  const h = createHash('sha1').update(`DiagnosticReport:${orderId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The whole chart as one `collection` bundle. Every entry's fullUrl is `urn:uuid:<row id>` and
 * references between entries use those URNs, so the bundle stands alone.
 */
export function buildPatientBundle(chart: PatientChart, timestamp: string): Bundle {
  const resources: Resource[] = [];
  if (chart.organization) resources.push(toOrganizationResource(chart.organization));
  resources.push(toPatientResource(chart));

  const providerIds = new Set(chart.providers.map((p) => p.id));
  const providerOfUser = new Map(chart.providers.flatMap((p) => (p.user_id ? [[p.user_id, p.id] as const] : [])));
  resources.push(...chart.providers.map(providerToPractitioner));
  // A user who is also an exported provider appears once, as that provider.
  resources.push(...chart.users.filter((u) => !providerOfUser.has(u.id)).map(userToPractitioner));
  const practitionerOfUser = (id: string | null) => (id === null ? null : providerOfUser.get(id) ?? id);

  resources.push(...chart.encounters.map((e) => toEncounterResource(e, (id) => (providerIds.has(id) ? id : undefined))));
  resources.push(...chart.problems.map((p) => toConditionResource({ ...p, recorded_by: practitionerOfUser(p.recorded_by) })));
  resources.push(...chart.allergies.map((a) => toAllergyIntoleranceResource({ ...a, recorded_by: practitionerOfUser(a.recorded_by) })));
  for (const o of chart.orders) {
    const order = { ...o, ordered_by: practitionerOfUser(o.ordered_by), signed_by: practitionerOfUser(o.signed_by) };
    resources.push(o.kind === 'medication' ? toMedicationRequestResource(order) : toServiceRequestResource(order));
  }
  resources.push(...chart.observations.map((o) => toObservationResource({ ...o, performer_id: practitionerOfUser(o.performer_id) })));
  const labOrders = new Map(chart.orders.filter((o) => o.kind === 'lab').map((o) => [o.id, o]));
  for (const order of labOrders.values()) {
    const results = chart.observations.filter((r) => r.order_id === order.id);
    if (results.length > 0) resources.push(toDiagnosticReportResource(order, results, reportIdOf(order.id)));
  }
  for (const plan of chart.carePlans) {
    const goals = chart.goals.filter((g) => g.care_plan_id === plan.id);
    const activities = chart.activities
      .filter((a) => a.care_plan_id === plan.id)
      .map((a) => ({ ...a, owner_id: practitionerOfUser(a.owner_id) }));
    const problems = chart.planProblems.filter((l) => l.care_plan_id === plan.id).map((l) => l.problem_id);
    resources.push(...goals.map((g) => toGoalResource(g, plan.patient_id)));
    resources.push(toCarePlanResource({ ...plan, author_id: practitionerOfUser(plan.author_id) }, goals, activities, problems));
  }

  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: urnOf(resource.id!), resource }));
  return { resourceType: 'Bundle', type: 'collection', timestamp, entry };
}

/** How many resources of each type a bundle holds. */
export function countResources(bundle: Bundle): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of bundle.entry ?? []) if (e.resource) counts[e.resource.resourceType] = (counts[e.resource.resourceType] ?? 0) + 1;
  return counts;
}
