import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { PATHS } from './app-paths';

export const NO_ACCESS_MESSAGE = "You don't have access to this page";

export function NoAccessPage() {
  return (
    <>
      <PageHeader title="No access" />
      <p className="callout" role="alert">
        {NO_ACCESS_MESSAGE}. If you need it for your work, ask an administrator.
      </p>
      <p>
        <Link to={PATHS.home}>Go to Home</Link>
      </p>
    </>
  );
}
