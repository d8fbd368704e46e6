import { InputField, type InputFieldProps } from './input-field';

export interface TextFieldProps extends Omit<InputFieldProps, 'type' | 'min' | 'max' | 'step' | 'spellCheck'> {
  type?: 'text' | 'password';
}

/** A labelled text or password input; never spell-checked (names, usernames, passwords). */
export function TextField({ type = 'text', required = false, ...rest }: TextFieldProps) {
  return <InputField {...rest} type={type} required={required} spellCheck={false} />;
}
