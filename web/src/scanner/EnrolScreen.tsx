import { useId, useState, type FormEvent } from 'react';

/** A phone that is already a scanner, opening another scanner's enrolment link. */
export interface Replacing { current: string; onConfirm(): void; onKeep(): void }

/**
 * First run (or after a revoke): paste the device token, or open the
 * enrolment link from the dashboard. On a phone that is already a scanner a
 * link does not take the phone over silently: the door person confirms.
 */
export function EnrolScreen({ busy, error, onEnrol, replacing }: {
  busy: boolean; error: string | null; onEnrol(token: string): void; replacing?: Replacing;
}) {
  const [token, setToken] = useState('');
  const id = useId();
  if (replacing) return <ReplaceScanner busy={busy} replacing={replacing} />;
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

function ReplaceScanner({ busy, replacing }: { busy: boolean; replacing: Replacing }) {
  return (
    <main className="enrol" data-testid="replace-scanner">
      <div className="brand">Maguey Pass <span>Scanner</span></div>
      <h1>Replace this scanner?</h1>
      <p>
        This phone is the scanner <strong>{replacing.current}</strong>. The link you opened would make it another
        scanner, possibly of another venue. Replace it only if the venue asked you to.
      </p>
      <div className="stack">
        <button type="button" className="button button-primary button-large" disabled={busy} onClick={replacing.onConfirm}>
          {busy ? 'Checking…' : 'Replace it'}
        </button>
        <button type="button" className="button button-large" disabled={busy} onClick={replacing.onKeep}>
          Keep {replacing.current}
        </button>
      </div>
    </main>
  );
}
