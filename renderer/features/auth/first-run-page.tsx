import { useState } from 'react';
import { Navigate } from 'react-router';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { DisplayNameField, UsernameField } from '../../ui/account-fields';
import { Form, FormActions } from '../../ui/form';
import { ConfirmPasswordField, NewPasswordField } from '../../ui/password-fields';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { PATHS } from '../shell/app-paths';
import { AuthScreen } from './auth-screen';
import { useSession } from './session-context';

/** First run: name the clinic and create its first administrator, who is then signed in. */
export function FirstRunPage() {
  const client = useClient();
  const { needsSetup, signedIn } = useSession();
  const [organizationName, setOrganizationName] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const form = useFormSubmit();

  if (!needsSetup) return <Navigate to={PATHS.home} replace />;

  const submit = async () => {
    const input = { organizationName, username, displayName, password };
    const problem = checkInput('auth.setupFirstAdmin', input);
    if (problem) return form.fail(problem);
    if (confirmPassword !== password) {
      return form.fail({ code: 'VALIDATION', message: 'The two passwords do not match', field: 'confirmPassword' });
    }
    const info = await form.run(() => client.api.auth.setupFirstAdmin(input));
    if (info) signedIn(info, organizationName.trim());
  };

  return (
    <AuthScreen title="Set up the workstation">
      <Form
        title="Set up the workstation"
        titleLevel={1}
        intro={<p>Name the clinic and create the first administrator account. The administrator can then add the rest of the staff.</p>}
        form={form}
        onSubmit={() => void submit()}
      >
        <TextField
          label="Clinic name"
          {...form.field('organizationName')}
          value={organizationName}
          onChange={setOrganizationName}
          autoComplete="organization"
          maxLength={160}
          required
          autoFocus
        />
        <UsernameField {...form.field('username')} value={username} onChange={setUsername} autoComplete="username" />
        <DisplayNameField {...form.field('displayName')} value={displayName} onChange={setDisplayName} autoComplete="name" />
        <NewPasswordField label="Password" {...form.field('password')} value={password} onChange={setPassword} />
        <ConfirmPasswordField {...form.field('confirmPassword')} value={confirmPassword} onChange={setConfirmPassword} />
        <FormActions form={form} submitLabel="Create administrator" />
      </Form>
    </AuthScreen>
  );
}
