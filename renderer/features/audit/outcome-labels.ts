import type { AuditOutcome } from '../../../common/domain/audit';

export const OUTCOME_LABELS: Readonly<Record<AuditOutcome, string>> = {
  ok: 'Succeeded',
  invalid: 'Invalid request',
  denied: 'Denied',
  unauthenticated: 'Not signed in',
  error: 'Failed',
};

/** Badge colour: green for success, red for a failure inside the workstation, amber for refusals. */
export const OUTCOME_TONES: Readonly<Record<AuditOutcome, 'ok' | 'warn' | 'danger'>> = {
  ok: 'ok',
  invalid: 'warn',
  denied: 'warn',
  unauthenticated: 'warn',
  error: 'danger',
};
