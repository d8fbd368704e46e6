import type { ReactNode } from 'react';
import type { FormSubmit } from '../../ui/use-form-submit';

/** Renders the form's error next to a field (or a row of fields), when it is about one of them. */
export type FieldErrorSlot = (names: string | readonly string[]) => ReactNode;

/**
 * Field-level errors beside their field. The form's usual banner carries the error's id for
 * aria-describedby; when the error is shown here instead, this message takes that id, so the
 * invalid input still points at it. Errors about a field the form does not show stay in the banner.
 */
export function useFieldErrors(form: FormSubmit, shownFields: readonly string[]): { slot: FieldErrorSlot; bannerForm: FormSubmit } {
  const field = form.error?.field;
  const inline = field !== undefined && shownFields.includes(field);
  const slot: FieldErrorSlot = (names) =>
    inline && (typeof names === 'string' ? names === field : names.includes(field)) ? (
      <p id={form.errorId} className="device-field-error" role="alert" tabIndex={-1}>
        {form.error?.message}
      </p>
    ) : null;
  return { slot, bannerForm: inline ? { ...form, error: null } : form };
}
