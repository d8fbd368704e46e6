import { ROLE_LABELS } from '../../../common/domain/roles';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { ChangePasswordForm } from './change-password-form';

export function AccountPage() {
  const { user } = useSignedInSession();
  return (
    <>
      <PageHeader title="My account" />
      <div className="card-grid">
        <section className="card" aria-labelledby="account-details-title">
          <h2 id="account-details-title">Your details</h2>
          <dl className="facts">
            <dt>Display name</dt>
            <dd>{user.displayName}</dd>
            <dt>Username</dt>
            <dd>{user.username}</dd>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[user.role]}</dd>
          </dl>
          <p className="muted">An administrator can change your name or role.</p>
        </section>
        <ChangePasswordForm />
      </div>
    </>
  );
}
