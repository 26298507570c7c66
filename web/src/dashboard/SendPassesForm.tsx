import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Reservation } from '../api/types.js';
import { useI18n, type Language } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { useFormSubmit } from '../shared/useFormSubmit.js';
import { Field } from '../shared/Field.js';

/** Mails a confirmed table's passes to its host (or another address), in the language chosen. */
export function SendPassesForm({ api, reservation }: { api: Endpoints; reservation: Reservation }) {
  const { t, language } = useI18n();
  const [to, setTo] = useState(reservation.hostEmail ?? '');
  const [mailLanguage, setMailLanguage] = useState<Language>(language);
  const [sent, setSent] = useState<{ sentTo: string; passes: number } | null>(null);

  const { submit, busy, error, errors } = useFormSubmit(t, async () => {
    setSent(null);
    setSent(await api.sendPasses(reservation.id, { ...(to.trim() ? { to: to.trim() } : {}), locale: mailLanguage }));
  });

  return (
    <form className="editor-form" onSubmit={(e) => void submit(e)} data-testid="send-passes">
      <div className="form-grid">
        <Field label={t('sheet.sendTo')} error={errors.to}>
          {(p) => <input {...p} type="email" value={to} onChange={(e) => setTo(e.target.value)} maxLength={320} />}
        </Field>
        <Field label={t('sheet.mailLanguage')}>
          {(p) => (
            <select {...p} value={mailLanguage} onChange={(e) => setMailLanguage(e.target.value as Language)}>
              <option value="en" lang="en">English</option>
              <option value="es" lang="es">Español</option>
            </select>
          )}
        </Field>
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      {sent && <p className="banner" role="status">{t('sheet.passesSent', { passes: sent.passes, to: sent.sentTo })}</p>}
      <button type="submit" className="button" disabled={busy}>{busy ? t('sheet.sending') : t('sheet.sendPasses')}</button>
    </form>
  );
}
