import { useId, useState, type FormEvent } from 'react';

/** First run (or after a revoke): paste the device token, or open the enrolment link from the dashboard. */
export function EnrolScreen({ busy, error, onEnrol }: { busy: boolean; error: string | null; onEnrol(token: string): void }) {
  const [token, setToken] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) onEnrol(token.trim());
  };
  return (
    <main className="enrol">
      <div className="brand">Maguey Pass <span>Scanner</span></div>
      <h1>Enrol this scanner</h1>
      <p>
        In the dashboard, open <strong>Scanners → Enrol a scanner</strong> and scan its QR code with this phone’s
        camera app, or paste the device token here.
      </p>
      <form onSubmit={submit} className="stack">
        <label htmlFor={id}>Device token</label>
        <input
          id={id}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder="Paste the token"
        />
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="button button-primary button-large" disabled={busy || !token.trim()}>
          {busy ? 'Checking…' : 'Enrol'}
        </button>
      </form>
    </main>
  );
}
