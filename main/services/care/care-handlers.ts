import type { careContract } from '../../../common/contract/care.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { createCarePlanHandlers } from './care-plan-handlers';
import type { CareDeps } from './care-context';
import { createMedicationHandlers } from './medication-handlers';
import { createProblemHandlers } from './problem-handlers';

/** The problem list, current medications and care plans: one entry for compose.ts. */
export function createCareHandlers(deps: CareDeps): Handlers<typeof careContract> {
  return { ...createProblemHandlers(deps), ...createMedicationHandlers(deps), ...createCarePlanHandlers(deps) };
}
