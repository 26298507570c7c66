import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';

/** Staff log-in: email and password → a session token kept in this browser. */
export function LoginScreen({ onLogin, notice }: { onLogin(email: string, password: string): Promise<void>; notice: string | null }) {
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
      setError(describeError(failure).replace('Your session has ended or the token is not valid. Log in again.', 'Email or password is wrong.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-card">
        <div className="brand login-brand">Maguey Pass <span>Door control</span></div>
        <h1>Staff log-in</h1>
        {notice && <p className="banner banner-info">{notice}</p>}
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <label htmlFor="login-email">Email</label>
          <input id="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <label htmlFor="login-password">Password</label>
          <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          {error && <p className="form-error" role="alert">{error}</p>}
          <button type="submit" className="button button-primary button-large" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
        </form>
        <p className="muted login-foot">Door staff scanning at the entrance: open <a href="/scan/">the scanner</a>.</p>
      </div>
    </main>
  );
}
