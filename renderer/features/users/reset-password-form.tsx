import { useState } from 'react';
import type { User } from '../../../common/domain/users';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { NewPasswordField } from '../../ui/password-fields';
import { useFormSubmit } from '../../ui/use-form-submit';

export function ResetPasswordForm({ user, onReset }: { user: User; onReset: (user: User) => void }) {
  const client = useClient();
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const form = useFormSubmit();

  const submit = async () => {
    setDone(false);
    const input = { id: user.id, newPassword };
    const problem = checkInput('users.resetPassword', input);
    if (problem) return form.fail(problem);
    const updated = await form.run(() => client.api.users.resetPassword(input));
    if (!updated) return;
    setNewPassword('');
    setDone(true);
    onReset(updated);
  };

  return (
    <Form
      title="Reset password"
      titleLevel={3}
      intro={<p>Set a new password for {user.displayName} and tell them in person.</p>}
      form={form}
      onSubmit={() => void submit()}
    >
      {done ? <Notice>The password of “{user.username}” has been reset.</Notice> : null}
      <NewPasswordField label="New password" {...form.field('newPassword')} value={newPassword} onChange={setNewPassword} />
      <FormActions form={form} submitLabel="Reset password" />
    </Form>
  );
}
