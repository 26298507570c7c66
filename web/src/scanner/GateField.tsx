import { useId } from 'react';
import { useI18n } from '../i18n/index.js';

/** The gate the scans are recorded at; defaults to the scanner's own gate. */
export function GateField({ value, defaultGate, onChange }: { value: string; defaultGate: string; onChange(gate: string): void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="gate-field">
      <label htmlFor={id}>{t('common.gate')}</label>
      <input
        id={id}
        value={value}
        maxLength={40}
        placeholder={defaultGate}
        autoCapitalize="characters"
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => { if (!e.target.value.trim()) onChange(defaultGate); }}
      />
    </div>
  );
}
