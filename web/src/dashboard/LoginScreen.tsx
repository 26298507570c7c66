import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../api/client.js';
import { LanguageSwitch, useI18n } from '../i18n/index.js';

/** Staff log-in: email and password → a session token kept in this browser. */
export function LoginScreen({ onLogin, notice }: { onLogin(email: string, password: string): Promise<void>; notice: string | null }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLogin(email.trim(), password);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? t('error.wrongLogin') : describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-card">
        <div className="row"><div className="brand login-brand">Maguey Pass <span>{t('common.brandDoor')}</span></div><span className="spacer" /><LanguageSwitch /></div>
        <h1>{t('login.title')}</h1>
        {notice && <p className="banner banner-info">{notice}</p>}
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <label htmlFor="login-email">{t('login.email')}</label>
          <input id="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <label htmlFor="login-password">{t('login.password')}</label>
          <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          {error && <p className="form-error" role="alert">{error}</p>}
          <button type="submit" className="button button-primary button-large" disabled={busy}>{busy ? t('login.busy') : t('login.submit')}</button>
        </form>
        <p className="muted login-foot">{t('login.scannerHint')} <a href="/scan/">{t('login.scannerLink')}</a>.</p>
      </div>
    </main>
  );
}
