import { useId } from 'react';
import type { User } from '../../../common/domain/users';
import { Button } from '../../ui/button';
import { EditUserForm } from './edit-user-form';
import { ResetPasswordForm } from './reset-password-form';

export interface EditUserPanelProps {
  user: User;
  onSaved: (user: User) => void;
  onPasswordReset: (user: User) => void;
  onClose: () => void;
}

/** One account opened for changes: its name and role, and a new password. */
export function EditUserPanel({ user, onSaved, onPasswordReset, onClose }: EditUserPanelProps) {
  const titleId = useId();
  return (
    <section className="card edit-panel" aria-labelledby={titleId}>
      <div className="edit-panel__header">
        <h2 id={titleId}>
          Edit account: {user.username}
        </h2>
        <Button variant="quiet" onClick={onClose}>
          Close
        </Button>
      </div>
      <div className="edit-panel__forms">
        <EditUserForm user={user} onSaved={onSaved} onCancel={onClose} />
        <ResetPasswordForm user={user} onReset={onPasswordReset} />
      </div>
    </section>
  );
}
