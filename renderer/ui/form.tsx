import { useId, type ReactNode } from 'react';
import { Button } from './button';
import { ErrorBanner } from './error-banner';
import type { FormSubmit } from './use-form-submit';

export interface FormProps {
  /** The visible heading; also the form's accessible name, so tests can scope to it. */
  title: string;
  titleLevel?: 1 | 2 | 3;
  /** Shown under the heading. */
  intro?: ReactNode;
  form: FormSubmit;
  onSubmit: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A titled form: Enter submits, the browser's own validation bubbles are off (errors come from the
 * contract, in one role="alert" message above the fields) and nothing is ever posted anywhere.
 */
export function Form({ title, titleLevel = 2, intro, form, onSubmit, children, className }: FormProps) {
  const titleId = useId();
  const Heading = `h${titleLevel}` as const;
  return (
    <form
      ref={form.formRef}
      className={['form', className ?? ''].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      aria-busy={form.pending || undefined}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Heading id={titleId} className="form__title">
        {title}
      </Heading>
      {intro ? <div className="form__intro">{intro}</div> : null}
      <ErrorBanner error={form.error} id={form.errorId} />
      {children}
    </form>
  );
}

export interface FormActionsProps {
  form: FormSubmit;
  /** The primary submit button's text; the button stays disabled while the form is sending. */
  submitLabel: ReactNode;
  /** Adds a secondary "Cancel" button after the submit button. */
  onCancel?: (() => void) | undefined;
}

/** The row under a form's fields: its submit button and, optionally, Cancel. */
export function FormActions({ form, submitLabel, onCancel }: FormActionsProps) {
  return (
    <div className="form__actions">
      <Button type="submit" variant="primary" busy={form.pending}>
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
    </div>
  );
}
