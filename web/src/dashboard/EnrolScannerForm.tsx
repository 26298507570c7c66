import { useState, type FormEvent } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { EnrolledDevice } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';

/** A new scanner: its name and gate, tied to tonight's event unless asked otherwise. */
export function EnrolScannerForm({ api, eventId, onEnrolled }: { api: Endpoints; eventId: string; onEnrolled(result: EnrolledDevice): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [gate, setGate] = useState('');
  const [thisEventOnly, setThisEventOnly] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onEnrolled(await api.createDevice({ name: name.trim(), gate: gate.trim(), ...(thisEventOnly ? { eventId } : {}) }));
      setName('');
      setGate('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="enrol-form" onSubmit={(e) => void submit(e)}>
      <div className="enrol-fields">
        <label>
          {t('devices.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('devices.namePlaceholder')} maxLength={100} required data-testid="device-name" />
        </label>
        <label>
          {t('devices.gate')}
          <input value={gate} onChange={(e) => setGate(e.target.value)} placeholder="B" maxLength={40} required data-testid="device-gate" />
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={thisEventOnly} onChange={(e) => setThisEventOnly(e.target.checked)} />
        {t('devices.thisEventOnly')}
      </label>
      <ErrorBanner error={error} />
      <button type="submit" className="button button-primary" disabled={busy || !name.trim() || !gate.trim()}>
        {busy ? t('devices.creating') : t('devices.create')}
      </button>
    </form>
  );
}
