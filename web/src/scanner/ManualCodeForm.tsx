import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/index.js';

/** Type a code when the camera cannot read it; these scans are sent with `manual: true`. */
export function ManualCodeForm({ onSubmit }: { onSubmit(code: string): void }) {
  const { t } = useI18n();
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
      <label htmlFor={id}>{t('scan.typeCode')}</label>
      <div className="manual-row">
        <input
          id={id}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('scan.codePlaceholder')}
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
        />
        <button type="submit" className="button button-primary" disabled={!code.trim()}>{t('scan.check')}</button>
      </div>
    </form>
  );
}
