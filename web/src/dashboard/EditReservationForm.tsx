import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Reservation } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { useFormSubmit } from '../shared/useFormSubmit.js';
import { Field } from '../shared/Field.js';

/** A booking's host and contact; the guest count only while pending (the API says so beside the field otherwise). */
export function EditReservationForm({ api, reservation, onSaved }: { api: Endpoints; reservation: Reservation; onSaved(r: Reservation): void }) {
  const { t } = useI18n();
  const [hostName, setHostName] = useState(reservation.hostName);
  const [guests, setGuests] = useState(String(reservation.guestCount));
  const [email, setEmail] = useState(reservation.hostEmail ?? '');
  const [phone, setPhone] = useState(reservation.hostPhone ?? '');

  const { submit, busy, error, errors } = useFormSubmit(t, async () => onSaved(await api.updateReservation(reservation.id, {
    hostName: hostName.trim(), guestCount: Number(guests),
    ...(email.trim() ? { hostEmail: email.trim() } : {}), ...(phone.trim() ? { hostPhone: phone.trim() } : {}),
  })));

  return (
    <form className="editor-form" onSubmit={(e) => void submit(e)} data-testid="edit-reservation">
      <div className="form-grid">
        <Field label={t('reservations.host')} error={errors.hostName}>
          {(p) => <input {...p} value={hostName} onChange={(e) => setHostName(e.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('reservations.guests')} error={errors.guestCount}>
          {(p) => <input {...p} type="number" min={1} max={100} value={guests} onChange={(e) => setGuests(e.target.value)} required />}
        </Field>
        <Field label={t('reservations.email')} error={errors.hostEmail}>
          {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t('reservations.phone')} error={errors.hostPhone}>
          {(p) => <input {...p} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}
        </Field>
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('common.saving') : t('common.save')}</button>
    </form>
  );
}
