import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import type { PublicEvent, PublicTables } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field } from '../shared/Field.js';
import { formatAmount, formatDayTime } from '../shared/format.js';
import { useFormSubmit } from '../shared/useFormSubmit.js';
import { PublicFloorPlan } from './PublicFloorPlan.js';
import { Shell } from './Shell.js';

/** What the address says: /e/{eventId}/tables, a promoter's tracking link ?p=…, and after the provider, ?booking=…&paid=1. */
function fromLocation() {
  const eventId = /^\/e\/([0-9a-f-]{36})\/tables\/?$/.exec(window.location.pathname)?.[1] ?? null;
  const query = new URLSearchParams(window.location.search);
  return { eventId, promoter: query.get('p'), bookingId: query.get('booking'), paid: query.get('paid') === '1' };
}

/**
 * The public table page (no log-in): the event's tables from its floor
 * plan, which can be booked, the host's details, then the deposit at the
 * payment provider; back from it, the result. The deposit is shown, never
 * sent: the server charges the table's own.
 */
export function TablesApp() {
  const { t, language } = useI18n();
  const api = useMemo(() => endpoints(new ApiClient(() => null)), []);
  const place = useMemo(fromLocation, []);
  const [event, setEvent] = useState<PublicEvent | null>(null);
  const [tables, setTables] = useState<PublicTables['items']>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tableId, setTableId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [guests, setGuests] = useState(2);
  const chosen = tables.find((table) => table.id === tableId);
  const choose = (table: PublicTables['items'][number]) => { setTableId(table.id); setGuests(Math.min(guests, table.capacity)); };
  const { submit, busy, error, errors } = useFormSubmit(t, async () => {
    if (!event || !chosen) return;
    const booking = await api.bookTable(event.id, {
      tableId: chosen.id, hostName: name.trim(), hostEmail: email.trim(), guestCount: guests, locale: language,
      ...(phone.trim() ? { hostPhone: phone.trim() } : {}), ...(place.promoter ? { promoter: place.promoter.slice(0, 100) } : {}),
    });
    window.location.assign(booking.checkoutUrl);
  });

  useEffect(() => {
    if (!place.eventId) return;
    Promise.all([api.publicEvent(place.eventId), api.publicTables(place.eventId)])
      .then(([e, list]) => { setEvent(e); setTables(list.items); }, setLoadError);
  }, [api, place.eventId]);

  if (!place.eventId) return <Shell brand={t('tables.brand')}><p role="alert">{t('buy.noEvent')}</p></Shell>;
  if (place.bookingId) {
    return (
      <Shell brand={t('tables.brand')}>
        <section className="buy-result" data-testid="booking-result">
          <h1>{place.paid ? t('tables.paidTitle') : t('tables.notPaidTitle')}</h1>
          <p>{place.paid ? t('tables.paidText') : t('tables.notPaidText')}</p>
          <a className="button" href={`/e/${place.eventId}/tables`}>{t('tables.again')}</a>
        </section>
      </Shell>
    );
  }
  if (!event) return <Shell brand={t('tables.brand')}><ErrorBanner error={loadError} />{!loadError && <p className="muted">{t('common.loading')}</p>}</Shell>;

  const money = (cents: number) => formatAmount(cents, event.currency);

  return (
    <Shell brand={t('tables.brand')}>
      <section className="buy-event">
        <h1>{event.name}</h1>
        <p className="muted">{event.venueName} · {formatDayTime(event.startsAt)}</p>
      </section>
      {!event.onSale && <p className="banner banner-warn" role="status">{t('buy.notOnSale')}</p>}
      <form onSubmit={(e) => void submit(e)} aria-label={t('tables.formLabel')}>
        <PublicFloorPlan tables={tables.filter((table) => table.depositCents > 0)} chosenId={tableId} disabled={!event.onSale} onChoose={choose} />
        <fieldset className="buy-tables">
          <legend>{t('tables.pick')}</legend>
          {tables.every((table) => !table.available) && <p className="muted">{t('tables.none')}</p>}
          <ul className="buy-types" data-testid="public-tables">
            {tables.filter((table) => table.depositCents > 0).map((table) => (
              <li key={table.id} className="buy-type">
                <label className="buy-type-name">
                  <input type="radio" name="table" value={table.id} checked={tableId === table.id} disabled={!table.available || !event.onSale}
                    onChange={() => choose(table)} data-table-number={table.number} />
                  {' '}<strong>{t('tables.table', { number: table.number })}</strong>{table.tier ? ` · ${table.tier}` : ''}
                  {!table.available ? ` · ${t('tables.taken')}` : ''}
                  <div className="muted small">{t('tables.detail', { seats: table.capacity, deposit: money(table.depositCents), minimum: money(table.minSpendCents) })}</div>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <Field label={t('tables.guests')} error={errors.guestCount}>
          {(props) => (
            <select {...props} value={guests} onChange={(e) => setGuests(Number(e.target.value))} data-testid="host-guests">
              {Array.from({ length: chosen?.capacity ?? 10 }, (_, i) => <option key={i + 1} value={i + 1}>{i + 1}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('buy.name')} error={errors.hostName}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required maxLength={200} data-testid="host-name" />}
        </Field>
        <Field label={t('tables.email')} error={errors.hostEmail}>
          {(props) => <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required maxLength={320} data-testid="host-email" />}
        </Field>
        <Field label={t('tables.phone')} error={errors.hostPhone}>
          {(props) => <input {...props} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="tel" maxLength={40} />}
        </Field>
        <ErrorBanner error={error} />
        <button type="submit" className="button button-primary button-large" disabled={busy || !chosen || !event.onSale} data-testid="pay-deposit">
          {busy ? t('buy.paying') : t('tables.pay', { deposit: money(chosen?.depositCents ?? 0) })}
        </button>
        <p className="muted small">{t('tables.holdNote')}</p>
      </form>
    </Shell>
  );
}
