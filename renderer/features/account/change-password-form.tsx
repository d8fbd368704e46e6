import { useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../common/domain/users';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Button } from '../../ui/button';
import { Form } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { TextField } from '../../ui/text-field';
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
      <TextField
        label="Current password"
        type="password"
        {...form.field('currentPassword')}
        value={currentPassword}
        onChange={setCurrentPassword}
        autoComplete="current-password"
        required
      />
      <TextField
        label="New password"
        type="password"
        {...form.field('newPassword')}
        value={newPassword}
        onChange={setNewPassword}
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
          Change password
        </Button>
      </div>
    </Form>
  );
}
