import { useId, type ReactNode } from 'react';

export interface CheckboxFieldProps {
  label: ReactNode;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  invalid?: boolean;
  errorId?: string | undefined;
}

/** A labelled checkbox; the whole label toggles it. */
export function CheckboxField({ label, name, checked, onChange, invalid = false, errorId }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        className="field__checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
      />
      <label htmlFor={id} className="field__checkbox-label">
        {label}
      </label>
    </div>
  );
}
