import type { ApiError } from '../../common/rpc/errors';
import { Button } from './button';

export interface ErrorBannerProps {
  error: ApiError | string | null;
  id?: string;
  /** Offers a "Try again" button, for failed reads. */
  onRetry?: () => void;
}

/** An error message in a role="alert" region; renders nothing when there is no error. */
export function ErrorBanner({ error, id, onRetry }: ErrorBannerProps) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className="error-banner" role="alert" id={id} tabIndex={-1}>
      <p className="error-banner__message">{message}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
