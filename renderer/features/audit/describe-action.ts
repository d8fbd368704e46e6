import { appContract, isMethodName } from '../../../common/contract';

/** The contract's one-line summary of a method, e.g. "Create a staff account"; null if unknown. */
export function describeAction(action: string): string | null {
  return isMethodName(action) ? appContract[action].summary : null;
}
