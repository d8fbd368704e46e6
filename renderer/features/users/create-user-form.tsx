import { useRef, useState } from 'react';
import type { Role } from '../../../common/domain/roles';
import { ROLE_LABELS } from '../../../common/domain/roles';
import type { User } from '../../../common/domain/users';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { DisplayNameField, UsernameField } from '../../ui/account-fields';
import { Form, FormActions } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { NewPasswordField } from '../../ui/password-fields';
import { useFormSubmit } from '../../ui/use-form-submit';
import { ROLE_OPTIONS } from './role-options';

/** No default role: the administrator chooses one on purpose (an accidental admin is costly). */
const CREATE_ROLE_OPTIONS: readonly SelectOption<Role | ''>[] = [{ value: '', label: 'Choose a role…' }, ...ROLE_OPTIONS];

export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const client = useClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<User | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const form = useFormSubmit();

  const submit = async () => {
    setCreated(null);
    const input = { username, displayName, role: role as Role, password };
    const problem = checkInput('users.create', input);
    if (problem) return form.fail(problem.field === 'role' ? { ...problem, message: 'Choose a role' } : problem);
    const user = await form.run(() => client.api.users.create(input));
    if (!user) return;
    setUsername('');
    setDisplayName('');
    setRole('');
    setPassword('');
    setCreated(user);
    onCreated(user);
    usernameRef.current?.focus();
  };

  return (
    <Form
      title="Create user"
      intro={<p>Give the new staff member their username and first password in person.</p>}
      form={form}
      onSubmit={() => void submit()}
      className="card"
    >
      {created ? (
        <Notice>
          Created the account “{created.username}” ({ROLE_LABELS[created.role]}).
        </Notice>
      ) : null}
      <UsernameField {...form.field('username')} inputRef={usernameRef} value={username} onChange={setUsername} autoComplete="off" />
      <DisplayNameField {...form.field('displayName')} value={displayName} onChange={setDisplayName} autoComplete="off" />
      <SelectField label="Role" {...form.field('role')} value={role} options={CREATE_ROLE_OPTIONS} onChange={setRole} required />
      <NewPasswordField label="Password" {...form.field('password')} value={password} onChange={setPassword} />
      <FormActions form={form} submitLabel="Create user" />
    </Form>
  );
}
