import { appContract, type MethodInput, type MethodName } from '../../common/contract';
import type { ApiError } from '../../common/rpc/errors';
import type { MethodDef } from '../../common/rpc/method';
import { validationErrorFrom } from '../../common/rpc/validation-error';

/**
 * Checks a form's input against the same contract schema main enforces, so the user hears about
 * a short password before a round trip, in the same words main would use. Main checks again.
 */
export function checkInput<M extends MethodName>(method: M, input: MethodInput<M>): ApiError | null {
  const def = appContract[method] as MethodDef;
  const parsed = def.input.safeParse(input);
  return parsed.success ? null : validationErrorFrom(parsed.error);
}
