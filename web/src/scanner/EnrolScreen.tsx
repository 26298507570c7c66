import { useId, useState, type FormEvent } from 'react';
import { LanguageSwitch, useI18n } from '../i18n/index.js';

/** First run (or after a revoke): paste the device token, or open the enrolment link from the dashboard. */
export function EnrolScreen({ busy, error, onEnrol }: { busy: boolean; error: string | null; onEnrol(token: string): void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const id = useId();
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
