import { useId, useState, type FormEvent } from 'react';

/** Type a code when the camera cannot read it; these scans are sent with `manual: true`. */
export function ManualCodeForm({ onSubmit }: { onSubmit(code: string): void }) {
  const [code, setCode] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return;
    onSubmit(code.trim());
    setCode('');
  };
  return (
    <form className="manual-form" onSubmit={submit}>
      <label htmlFor={id}>Type a code</label>
      <div className="manual-row">
        <input
          id={id}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="VIP-… or ticket code"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
        />
        <button type="submit" className="button button-primary" disabled={!code.trim()}>Check</button>
      </div>
    </form>
  );
}
