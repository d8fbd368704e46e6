import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { ApiError, Result } from '../../common/rpc/errors';

export interface FieldState {
  name: string;
  invalid: boolean;
  /** The id of the form's error message, for aria-describedby while the field is invalid. */
  errorId: string | undefined;
}

export interface FormSubmit {
  formRef: RefObject<HTMLFormElement | null>;
  errorId: string;
  error: ApiError | null;
  pending: boolean;
  /** Runs one API call: disables the form meanwhile, shows and focuses the error if it fails. */
  run<T>(call: () => Promise<Result<T>>): Promise<T | null>;
  /** Shows an error found before sending (e.g. the two passwords differ). */
  fail(error: ApiError): void;
  clearError(): void;
  field(name: string): FieldState;
}

/**
 * The submit cycle every form shares. Inputs carry `name`s equal to the contract's field names, so
 * an error's `field` from main (or from checkInput) finds its input: that input is marked
 * aria-invalid and focused; an error about no field in particular focuses the message itself.
 * `fallbackField` names the input to blame for field-less errors (the password, for sign-in).
 */
export function useFormSubmit(options: { fallbackField?: string } = {}): FormSubmit {
  const formRef = useRef<HTMLFormElement | null>(null);
  const errorId = useId();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);
  const focusPending = useRef(false);
  const { fallbackField } = options;

  const blamedField = error ? (error.field ?? fallbackField ?? null) : null;

  useEffect(() => {
    if (!error || !focusPending.current) return;
    focusPending.current = false;
    const input = blamedField ? formRef.current?.elements.namedItem(blamedField) : null;
    if (input instanceof HTMLInputElement) input.select();
    if (input instanceof HTMLElement) input.focus();
    else document.getElementById(errorId)?.focus();
  }, [error, blamedField, errorId]);

  const fail = useCallback((next: ApiError) => {
    focusPending.current = true;
    setError(next);
  }, []);

  const clearError = useCallback(() => setError(null), []);

  const run = useCallback(
    async <T,>(call: () => Promise<Result<T>>): Promise<T | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setPending(true);
      try {
        const result = await call().catch(
          (): Result<T> => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }),
        );
        if (result.ok) {
          setError(null);
          return result.value;
        }
        fail(result.error);
        return null;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [fail],
  );

  const field = (name: string): FieldState => {
    const invalid = blamedField === name;
    return { name, invalid, errorId: invalid ? errorId : undefined };
  };

  return { formRef, errorId, error, pending, run, fail, clearError, field };
}
