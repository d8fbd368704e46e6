import { useState } from 'react';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { ConfirmPasswordField, CurrentPasswordField, NewPasswordField } from '../../ui/password-fields';
import { useFormSubmit } from '../../ui/use-form-submit';

export function ChangePasswordForm() {
  const client = useClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [changed, setChanged] = useState(false);
  // A wrong current password comes back without a field: it is the one to retype.
  const form = useFormSubmit({ fallbackField: 'currentPassword' });

  const submit = async () => {
    setChanged(false);
    const input = { currentPassword, newPassword };
    const problem = checkInput('auth.changePassword', input);
    if (problem) return form.fail(problem);
    if (confirmPassword !== newPassword) {
      return form.fail({ code: 'VALIDATION', message: 'The two new passwords do not match', field: 'confirmPassword' });
    }
    const done = await form.run(() => client.api.auth.changePassword(input));
    if (!done) return;
    setCurrentPassword('');
    setNewPassword('');
    setConfirmPassword('');
    setChanged(true);
  };

  return (
    <Form title="Change password" form={form} onSubmit={() => void submit()} className="card">
      {changed ? <Notice>Your password has been changed.</Notice> : null}
      <CurrentPasswordField label="Current password" {...form.field('currentPassword')} value={currentPassword} onChange={setCurrentPassword} />
      <NewPasswordField label="New password" {...form.field('newPassword')} value={newPassword} onChange={setNewPassword} />
      <ConfirmPasswordField {...form.field('confirmPassword')} value={confirmPassword} onChange={setConfirmPassword} />
      <FormActions form={form} submitLabel="Change password" />
    </Form>
  );
}
