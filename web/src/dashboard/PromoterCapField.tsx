import { useState, type FormEvent } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';

/** How many people a promoter may put on the event's lists (empty: no cap); the API refuses guests past it. */
export function PromoterCapField({ api, eventId, promoterId, name, value }: {
  api: Endpoints; eventId: string; promoterId: string; name: string; value: number | null;
}) {
  const { t } = useI18n();
  const [cap, setCap] = useState(value === null ? '' : String(value));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.setPromoterCap(eventId, promoterId, cap.trim() === '' ? null : Number(cap));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <input type="number" min={0} max={100000} value={cap} onChange={(e) => { setCap(e.target.value); setSaved(false); }}
        aria-label={t('promoters.capFor', { name })} placeholder={t('promoters.noCap')} className="input-small" />
      <button type="submit" className="button button-small">{saved ? t('promoters.capSaved') : t('promoters.setCap')}</button>
      <ErrorBanner error={error} />
    </form>
  );
}
