import { useId } from 'react';
import type { FieldState } from './use-form-submit';

export interface TextAreaFieldProps extends Partial<FieldState> {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
}

export function TextAreaField({ label, name, value, onChange, invalid = false, errorId, maxLength }: TextAreaFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        className="field__input field__textarea"
        value={value}
        rows={2}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
      />
    </div>
  );
}
