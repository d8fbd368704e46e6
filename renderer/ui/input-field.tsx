import { useId } from 'react';
import type { FieldState } from '../../ui/use-form-submit';

export interface InputFieldProps extends Partial<FieldState> {
  label: string;
  name: string;
  type: 'date' | 'time' | 'number' | 'text';
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  min?: number;
  max?: number;
  step?: number;
  required?: boolean;
  maxLength?: number;
}

/** A labelled native input for the types the shared TextField does not cover (date, time, number). */
export function InputField({ label, name, type, value, onChange, hint, invalid = false, errorId, min, max, step, required, maxLength }: InputFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        className="field__input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        min={min}
        max={max}
        step={step}
        required={required}
        maxLength={maxLength}
      />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

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
