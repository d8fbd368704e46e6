import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Work is under way: the button is disabled and shows a spinner; its name stays the same. */
  busy?: boolean;
}

/** A real <button>; defaults to type="button" so only the intended button submits a form. */
export function Button({ variant = 'secondary', busy = false, type = 'button', className, disabled, ...rest }: ButtonProps) {
  const classes = ['button', `button--${variant}`, busy ? 'button--busy' : '', className ?? ''].filter(Boolean).join(' ');
  return <button type={type} className={classes} disabled={disabled || busy} {...rest} />;
}
