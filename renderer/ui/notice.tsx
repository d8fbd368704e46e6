import type { ReactNode } from 'react';

export type NoticeTone = 'success' | 'info';

/** A calm, polite status message: a change that worked, or why the user is back at sign-in. */
export function Notice({ tone = 'success', children }: { tone?: NoticeTone; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role="status">
      {children}
    </div>
  );
}
