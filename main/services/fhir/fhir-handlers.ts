import type { fhirContract } from '../../../common/contract/fhir.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { BundleInvalidError, checkBundle, exportPatientBundle, importBundle, type FhirDeps } from './fhir-records';

/** Problems are described by where they are: "entry 3 Observation obs-1 at Observation.code: ...". */
export function describeProblem(p: { index: number; resourceType: string; id: string; path: string; message: string }): string {
  return p.index < 0 ? `${p.path}: ${p.message}` : `entry ${p.index} ${p.resourceType}${p.id ? ` ${p.id}` : ''} at ${p.path}: ${p.message}`;
}

export function createFhirHandlers(deps: FhirDeps): Handlers<typeof fhirContract> {
  return {
    async 'fhir.exportPatient'(input) {
      const { json, counts } = await exportPatientBundle(deps, input.patientId);
      return { json, counts };
    },
    'fhir.validateBundle'(input) {
      const { problems } = checkBundle(input.json, deps);
      return { valid: problems.length === 0, problems };
    },
    async 'fhir.importBundle'(input, ctx) {
      try {
        const outcome = await importBundle(deps, input.json, input.mode, { userId: ctx.session?.userId ?? null, username: ctx.session?.username ?? 'unknown' });
        ctx.auditPatient(outcome.patientId);
        return outcome;
      } catch (error) {
        if (error instanceof BundleInvalidError) {
          const [first] = error.problems;
          const more = error.problems.length > 1 ? ` (and ${error.problems.length - 1} more; fhir.validateBundle lists them all)` : '';
          throw new AppError('VALIDATION', `${first ? describeProblem(first) : 'The bundle is not valid'}${more}`, 'json');
        }
        throw error;
      }
    },
  };
}
