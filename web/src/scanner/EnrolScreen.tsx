import { useId, useState, type FormEvent } from 'react';
import { LanguageSwitch, useI18n } from '../i18n/index.js';

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
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const id = useId();
  if (replacing) return <ReplaceScanner busy={busy} replacing={replacing} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) onEnrol(token.trim());
  };
  return (
    <main className="enrol">
      <div className="row"><div className="brand">Maguey Pass <span>{t('common.brandScanner')}</span></div><span className="spacer" /><LanguageSwitch /></div>
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.help')}</p>
      <form onSubmit={submit} className="stack">
        <label htmlFor={id}>{t('enrol.token')}</label>
        <input
          id={id}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={t('enrol.placeholder')}
        />
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="button button-primary button-large" disabled={busy || !token.trim()}>
          {busy ? t('enrol.busy') : t('enrol.submit')}
        </button>
      </form>
    </main>
  );
}

function ReplaceScanner({ busy, replacing }: { busy: boolean; replacing: Replacing }) {
  const { t } = useI18n();
  return (
    <main className="enrol" data-testid="replace-scanner">
      <div className="brand">Maguey Pass <span>{t('common.brandScanner')}</span></div>
      <h1>{t('enrol.replaceTitle')}</h1>
      <p>{t('enrol.replaceHelp', { current: replacing.current })}</p>
      <div className="stack">
        <button type="button" className="button button-primary button-large" disabled={busy} onClick={replacing.onConfirm}>
          {busy ? t('enrol.busy') : t('enrol.replace')}
        </button>
        <button type="button" className="button button-large" disabled={busy} onClick={replacing.onKeep}>
          {t('enrol.keep', { current: replacing.current })}
        </button>
      </div>
    </main>
  );
}
