import type { Ref } from 'react';
import { TextField } from './text-field';
import type { FieldState } from './use-form-submit';

export interface AccountFieldProps extends FieldState {
  value: string;
  onChange: (value: string) => void;
  /** "username"/"name" when the user types their own details, "off" when typing someone else's. */
  autoComplete: string;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/** A new account's username, with its character rule as the hint. */
export function UsernameField(props: AccountFieldProps) {
  return <TextField label="Username" {...props} hint="Letters, digits, dot, dash and underscore; at least 3 characters." maxLength={64} required />;
}

export function DisplayNameField(props: AccountFieldProps) {
  return <TextField label="Display name" {...props} maxLength={120} required />;
}
