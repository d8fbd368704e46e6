import type { DiagnosticReport } from '@medplum/fhirtypes';
import type { PatientChart } from '../../../../db/repositories/patient-chart-repository';
import { FHIR, systemUri, urnOf } from '../fhir-systems';

type OrderRow = PatientChart['orders'][number];
type ObservationRow = PatientChart['observations'][number];

/** The report of one lab order: its results grouped, based on the order. Id derived from the order's. */
export function toDiagnosticReportResource(order: OrderRow, results: readonly ObservationRow[], reportId: string): DiagnosticReport {
  const final = results.every((r) => r.status === 'final' || r.status === 'amended' || r.status === 'corrected');
  const latest = results.map((r) => r.observed_at).sort().at(-1)!;
  return {
    resourceType: 'DiagnosticReport',
    id: reportId,
    basedOn: [{ reference: urnOf(order.id) }],
    status: final ? 'final' : 'preliminary',
    category: [{ coding: [{ system: FHIR.diagnosticServiceSection, code: 'LAB' }] }],
    code: { coding: [{ system: systemUri(order.code_system), code: order.code, display: order.display }], text: order.display },
    subject: { reference: urnOf(order.patient_id) },
    ...(order.encounter_id ? { encounter: { reference: urnOf(order.encounter_id) } } : {}),
    effectiveDateTime: latest,
    result: results.map((r) => ({ reference: urnOf(r.id) })),
  };
}
