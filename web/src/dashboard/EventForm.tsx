import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { Event } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field, toIso, toLocalInput } from '../shared/Field.js';

/** A new event, or the details of the one shown: name, times, doors, capacity; the API's checks beside each field. */
export function EventForm({ api, event, onSaved }: { api: Endpoints; event: Event | null; onSaved(event: Event): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(event?.name ?? '');
  const [startsAt, setStartsAt] = useState(toLocalInput(event?.startsAt));
  const [endsAt, setEndsAt] = useState(toLocalInput(event?.endsAt));
  const [doorsOpenAt, setDoorsOpenAt] = useState(toLocalInput(event?.doorsOpenAt));
  const [capacity, setCapacity] = useState(event?.capacity ? String(event.capacity) : '');
  const [early, setEarly] = useState(String(event?.earlyEntryMinutes ?? 60));
  const [late, setLate] = useState(String(event?.lateEntryMinutes ?? 60));
  const [vipReentry, setVipReentry] = useState<Event['vipReentry']>(event?.vipReentry ?? 'always');
  const [refundableUntil, setRefundableUntil] = useState(toLocalInput(event?.refundableUntil));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(error, t);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body = {
        name: name.trim(), startsAt: toIso(startsAt), endsAt: toIso(endsAt),
        ...(doorsOpenAt ? { doorsOpenAt: toIso(doorsOpenAt) } : {}),
        ...(capacity ? { capacity: Number(capacity) } : {}),
        earlyEntryMinutes: Number(early), lateEntryMinutes: Number(late), vipReentry,
        ...(refundableUntil ? { refundableUntil: toIso(refundableUntil) } : {}),
      };
      const result = event
        ? await api.updateEvent(event.id, { ...body, doorsOpenAt: body.doorsOpenAt ?? null, capacity: body.capacity ?? null, refundableUntil: body.refundableUntil ?? null })
        : await api.createEvent(body);
      setSaved(true);
      onSaved(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel editor-form" onSubmit={(e) => void submit(e)} aria-labelledby="event-form-title" data-testid="event-form">
      <h2 id="event-form-title">{event ? t('event.edit') : t('event.new')}</h2>
      <div className="form-grid">
        <Field label={t('event.name')} error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('event.capacity')} error={errors.capacity}>
          {(p) => <input {...p} type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} inputMode="numeric" />}
        </Field>
        <Field label={t('event.startsAt')} error={errors.startsAt}>
          {(p) => <input {...p} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />}
        </Field>
        <Field label={t('event.endsAt')} error={errors.endsAt}>
          {(p) => <input {...p} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} required />}
        </Field>
        <Field label={t('event.doorsOpenAt')} error={errors.doorsOpenAt}>
          {(p) => <input {...p} type="datetime-local" value={doorsOpenAt} onChange={(e) => setDoorsOpenAt(e.target.value)} />}
        </Field>
        <Field label={t('event.earlyEntry')} error={errors.earlyEntryMinutes}>
          {(p) => <input {...p} type="number" min={0} max={1440} value={early} onChange={(e) => setEarly(e.target.value)} required />}
        </Field>
        <Field label={t('event.lateEntry')} error={errors.lateEntryMinutes}>
          {(p) => <input {...p} type="number" min={0} max={1440} value={late} onChange={(e) => setLate(e.target.value)} required />}
        </Field>
        <Field label={t('event.vipReentry')} error={errors.vipReentry}>
          {(p) => (
            <select {...p} value={vipReentry} onChange={(e) => setVipReentry(e.target.value as Event['vipReentry'])}>
              <option value="always">{t('event.vipReentry.always')}</option>
              <option value="after_exit">{t('event.vipReentry.after_exit')}</option>
            </select>
          )}
        </Field>
        <Field label={t('event.refundableUntil')} error={errors.refundableUntil}>
          {(p) => <input {...p} type="datetime-local" value={refundableUntil} onChange={(e) => setRefundableUntil(e.target.value)} />}
        </Field>
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      {saved && <p className="banner banner-info" role="status">{t('event.saved')}</p>}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : event ? t('common.save') : t('event.create')}
      </button>
    </form>
  );
}
