import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient, ApiError, describeError } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import type { Me } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { readText, STORAGE_KEYS, writeText } from '../shared/storage.js';
import { EventDashboard } from './EventDashboard.js';
import { LoginScreen } from './LoginScreen.js';

type Staff = Extract<Me, { kind: 'staff' }>['staff'];
type Session = { kind: 'checking' } | { kind: 'out'; notice: string | null } | { kind: 'in'; staff: Staff } | { kind: 'error'; error: unknown };

/** The staff dashboard at /: log-in (token in localStorage), then the event screens. */
export function DashboardApp() {
  const { t } = useI18n();
  const client = useMemo(() => new ApiClient(() => readText(STORAGE_KEYS.dashboardToken)), []);
  const api = useMemo(() => endpoints(client), [client]);
  const [session, setSession] = useState<Session>(() =>
    readText(STORAGE_KEYS.dashboardToken) ? { kind: 'checking' } : { kind: 'out', notice: null });

  const logOut = useCallback((notice: string | null = null) => {
    // The server ends the session too; if it cannot be reached, the token is still forgotten here.
    if (readText(STORAGE_KEYS.dashboardToken)) void api.logout().catch(() => undefined);
    writeText(STORAGE_KEYS.dashboardToken, null);
    setSession({ kind: 'out', notice });
  }, [api]);

  const check = useCallback(async () => {
    try {
      const me = await api.me();
      if (me.kind === 'staff') setSession({ kind: 'in', staff: me.staff });
      else logOut(t('login.deviceToken'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) logOut(t('login.sessionEnded'));
      else setSession({ kind: 'error', error });
    }
  }, [api, logOut, t]);

  useEffect(() => {
    if (readText(STORAGE_KEYS.dashboardToken)) void check();
  }, [check]);

  const logIn = async (email: string, password: string) => {
    const { token } = await api.login(email, password);
    writeText(STORAGE_KEYS.dashboardToken, token);
    await check();
  };

  switch (session.kind) {
    case 'checking':
      return <main className="login"><p className="muted">{t('common.loading')}</p></main>;
    case 'out':
      return <LoginScreen onLogin={logIn} notice={session.notice} />;
    case 'error':
      return (
        <main className="login">
          <div className="login-card stack">
            <p className="banner banner-error">{describeError(session.error, t)}</p>
            <button type="button" className="button button-primary" onClick={() => void check()}>{t('common.tryAgain')}</button>
            <button type="button" className="button" onClick={() => logOut()}>{t('login.logout')}</button>
          </div>
        </main>
      );
    case 'in':
      return <EventDashboard key={session.staff.id} staff={session.staff} api={api} client={client} onLogout={() => { void api.logout().catch(() => undefined); logOut(); }} />;
  }
}
