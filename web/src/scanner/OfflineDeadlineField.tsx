import { useId, useState } from 'react';
import { useI18n } from '../i18n/index.js';

const [MIN_MS, MAX_MS] = [100, 10_000];

/** How long a scan waits for the server before the phone decides it offline; kept once it is a sensible number. */
export function OfflineDeadlineField({ value, onChange }: { value: number; onChange(ms: number): void }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(String(value));
  return (
    <details className="scanner-settings">
      <summary>{t('settings.title')}</summary>
      <label htmlFor={id}>{t('settings.offlineAfter')}</label>
      <input
        id={id} type="number" inputMode="numeric" min={MIN_MS} max={MAX_MS} step={100} value={text}
        onChange={(e) => {
          setText(e.target.value);
          const ms = Math.round(Number(e.target.value));
          if (ms >= MIN_MS && ms <= MAX_MS) onChange(ms);
        }}
      />
    </details>
  );
}
