import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { Reservation, Table } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field } from '../shared/Field.js';

/** A booking for a table: host, guests, contact; it starts pending and is confirmed from its sheet. */
export function NewReservationForm({ api, eventId, tables, onCreated }: {
  api: Endpoints; eventId: string; tables: Table[]; onCreated(reservation: Reservation): void;
}) {
  const { t } = useI18n();
  const sorted = tables.slice().sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  const [tableId, setTableId] = useState('');
  const [hostName, setHostName] = useState('');
  const [guests, setGuests] = useState('2');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error, t);
  if (sorted.length === 0) return <p className="muted">{t('reservations.noTables')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.createReservation(eventId, {
        tableId: tableId || sorted[0]!.id, hostName: hostName.trim(), guestCount: Number(guests),
        ...(email.trim() ? { hostEmail: email.trim() } : {}), ...(phone.trim() ? { hostPhone: phone.trim() } : {}),
      });
      setHostName('');
      setEmail('');
      setPhone('');
      onCreated(created);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="editor-form" onSubmit={(e) => void submit(e)} data-testid="new-reservation">
      <div className="form-grid">
        <Field label={t('reservations.table')} error={errors.tableId}>
          {(p) => (
            <select {...p} value={tableId || sorted[0]!.id} onChange={(e) => setTableId(e.target.value)}>
              {sorted.map((table) => <option key={table.id} value={table.id}>{t('reservations.tableOption', { number: table.number, capacity: table.capacity })}</option>)}
            </select>
          )}
        </Field>
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
      <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('common.saving') : t('reservations.create')}</button>
    </form>
  );
}
