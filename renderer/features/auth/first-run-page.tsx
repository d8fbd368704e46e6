import { useState } from 'react';
import { Navigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../common/domain/users';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Button } from '../../ui/button';
import { Form } from '../../ui/form';
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
        <TextField
          label="Username"
          {...form.field('username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          hint="Letters, digits, dot, dash and underscore; at least 3 characters."
          maxLength={64}
          required
        />
        <TextField
          label="Display name"
          {...form.field('displayName')}
          value={displayName}
          onChange={setDisplayName}
          autoComplete="name"
          maxLength={120}
          required
        />
        <TextField
          label="Password"
          type="password"
          {...form.field('password')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          required
        />
        <TextField
          label="Confirm password"
          type="password"
          {...form.field('confirmPassword')}
          value={confirmPassword}
          onChange={setConfirmPassword}
          autoComplete="new-password"
          required
        />
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={form.pending}>
            Create administrator
          </Button>
        </div>
      </Form>
    </AuthScreen>
  );
}
