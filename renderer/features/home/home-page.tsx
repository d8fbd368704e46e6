import { ROLE_LABELS } from '../../../common/domain/roles';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { PERMISSION_DESCRIPTIONS } from './permission-descriptions';
import { SystemInfoCard } from './system-info-card';

export function HomePage() {
  const { user, permissions } = useSignedInSession();
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.displayName}`}
        description={
          <>
            You are signed in as <strong>{user.username}</strong> with the role <strong>{ROLE_LABELS[user.role]}</strong>.
          </>
        }
      />
      <div className="card-grid">
        <section className="card" aria-labelledby="abilities-title">
          <h2 id="abilities-title">What your role allows</h2>
          <ul className="ability-list">
            {permissions.map((permission) => (
              <li key={permission}>{PERMISSION_DESCRIPTIONS[permission]}</li>
            ))}
          </ul>
          <p className="muted">Some of these parts of the workstation are still to come.</p>
        </section>
        <SystemInfoCard />
      </div>
    </>
  );
}
