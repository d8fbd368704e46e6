import { useEffect, type ReactNode } from 'react';
import { APP_NAME } from '../../ui/app-name';

export interface AuthScreenProps {
  /** For the window title; the screen's own heading is inside `children` (usually a Form). */
  title: string;
  clinicName?: string | null;
  children: ReactNode;
}

/** The calm, centred frame around sign-in, first run and connection screens. */
export function AuthScreen({ title, clinicName, children }: AuthScreenProps) {
  useEffect(() => {
    document.title = `${title} — ${APP_NAME}`;
  }, [title]);
  return (
    <div className="auth-screen">
      <main className="auth-screen__card">
        <p className="auth-screen__brand">
          <span className="auth-screen__app">{APP_NAME}</span>
          {clinicName ? <span className="auth-screen__clinic">{clinicName}</span> : null}
        </p>
        {children}
      </main>
    </div>
  );
}
