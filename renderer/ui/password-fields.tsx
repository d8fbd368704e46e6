import { PASSWORD_MIN_LENGTH } from '../../common/domain/users';
import type { FieldState } from './use-form-submit';
import { TextField } from './text-field';

export interface PasswordFieldProps extends FieldState {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** The password the user types to prove who they are (sign-in, or before changing it). */
export function CurrentPasswordField(props: PasswordFieldProps) {
  return <TextField type="password" {...props} autoComplete="current-password" required />;
}

/** A password being set, with the length rule as its hint. */
export function NewPasswordField(props: PasswordFieldProps) {
  return <TextField type="password" {...props} autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} required />;
}

/** The new password typed a second time; the form checks that the two match. */
export function ConfirmPasswordField(props: Omit<PasswordFieldProps, 'label'>) {
  return <TextField label="Confirm password" type="password" {...props} autoComplete="new-password" required />;
}
