import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { PATHS } from './app-paths';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There is no page at this address.</p>
      <p>
        <Link to={PATHS.home}>Go to Home</Link>
      </p>
    </>
  );
}
