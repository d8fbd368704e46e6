import { useId, type ReactNode } from 'react';
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
