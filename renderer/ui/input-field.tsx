import { useId, type Ref } from 'react';
import type { FieldState } from './use-form-submit';

export interface InputFieldProps extends Partial<FieldState> {
  label: string;
  name: string;
  type: 'date' | 'time' | 'number' | 'text' | 'password';
  value: string;
  onChange: (value: string) => void;
  /** A short help line under the input, e.g. the password rule. */
  hint?: string;
  min?: number;
  max?: number;
  step?: number;
  required?: boolean;
  maxLength?: number;
  autoComplete?: string;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** The id of a <datalist> of suggestions; the user may still type anything. */
  list?: string;
  spellCheck?: boolean;
}

/** A labelled native input with an optional hint; TextField is this for free text and passwords. */
export function InputField({
  label,
  name,
  type,
  value,
  onChange,
  hint,
  invalid = false,
  errorId,
  min,
  max,
  step,
  required,
  maxLength,
  autoComplete,
  autoFocus,
  inputRef,
  list,
  spellCheck,
}: InputFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type={type}
        className="field__input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoFocus={autoFocus}
        maxLength={maxLength}
        list={list}
        min={min}
        max={max}
        step={step}
        spellCheck={spellCheck}
      />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
