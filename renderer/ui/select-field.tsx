import { useId } from 'react';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string> {
  label: string;
  name: string;
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (value: V) => void;
  invalid?: boolean;
  errorId?: string | undefined;
  required?: boolean;
}

export function SelectField<V extends string>({
  label,
  name,
  value,
  options,
  onChange,
  invalid = false,
  errorId,
  required = false,
}: SelectFieldProps<V>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="field__input field__select"
        value={value}
        // The options are exactly the values of V, so the browser can only hand back one of them.
        onChange={(e) => onChange(e.target.value as V)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        required={required}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
