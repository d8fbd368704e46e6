import { useState } from 'react';
import { Navigate, useLocation, type Location } from 'react-router';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { CurrentPasswordField } from '../../ui/password-fields';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { PATHS } from '../shell/app-paths';
import { AuthScreen } from './auth-screen';
import { SIGNED_OUT_MESSAGE, useSession } from './session-context';

/** Where RequireSession sent the user from, so signing in again returns them there. */
export interface LoginLocationState {
  from?: Location;
}

export function LoginPage() {
  const client = useClient();
  const { session, needsSetup, notice, clinicName, signedIn } = useSession();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Wrong password, locked or inactive account: main names no field; the password is retyped.
  const form = useFormSubmit({ fallbackField: 'password' });

  if (needsSetup) return <Navigate to={PATHS.setup} replace />;
  if (session) {
    // After a reload or an expired session, carry on where the user was; after signing out, start afresh.
    const from = notice === SIGNED_OUT_MESSAGE ? undefined : (location.state as LoginLocationState | null)?.from;
    return <Navigate to={from ?? PATHS.home} replace />;
  }

  const submit = async () => {
    const input = { username, password };
    const problem = checkInput('auth.login', input);
    if (problem) return form.fail(problem);
    const info = await form.run(() => client.api.auth.login(input));
    if (info) signedIn(info);
  };

  return (
    <AuthScreen title="Sign in" clinicName={clinicName}>
      <Form
        title="Sign in"
        titleLevel={1}
        intro={notice && !form.error ? <Notice tone="info">{notice}</Notice> : null}
        form={form}
        onSubmit={() => void submit()}
      >
        <TextField
          label="Username"
          {...form.field('username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          required
          autoFocus
        />
        <CurrentPasswordField label="Password" {...form.field('password')} value={password} onChange={setPassword} />
        <FormActions form={form} submitLabel="Sign in" />
      </Form>
    </AuthScreen>
  );
}
