import { useState } from 'react';
import type { Role } from '../../../common/domain/roles';
import type { User } from '../../../common/domain/users';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { DisplayNameField } from '../../ui/account-fields';
import { Form, FormActions } from '../../ui/form';
import { SelectField } from '../../ui/select-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { ROLE_OPTIONS } from './role-options';

export interface EditUserFormProps {
  /** The account as it was when editing began: its version guards against overwriting others' changes. */
  user: User;
  onSaved: (user: User) => void;
  onCancel: () => void;
}

export function EditUserForm({ user, onSaved, onCancel }: EditUserFormProps) {
  const client = useClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const form = useFormSubmit();

  const submit = async () => {
    const input = { id: user.id, expectedVersion: user.version, displayName, role };
    const problem = checkInput('users.update', input);
    if (problem) return form.fail(problem);
    const saved = await form.run(() => client.api.users.update(input));
    if (saved) onSaved(saved);
  };

  return (
    <Form
      title="Name and role"
      titleLevel={3}
      intro={
        form.error?.code === 'CONFLICT' ? (
          <p>Someone changed this account meanwhile. Cancel and open it again to see the latest details.</p>
        ) : null
      }
      form={form}
      onSubmit={() => void submit()}
    >
      <DisplayNameField {...form.field('displayName')} value={displayName} onChange={setDisplayName} autoComplete="off" autoFocus />
      <SelectField label="Role" {...form.field('role')} value={role} options={ROLE_OPTIONS} onChange={setRole} required />
      <FormActions form={form} submitLabel="Save" onCancel={onCancel} />
    </Form>
  );
}
