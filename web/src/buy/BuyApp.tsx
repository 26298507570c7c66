import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiClient, fieldErrors } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import type { PublicEvent } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field } from '../shared/Field.js';
import { formatAmount, formatDayTime } from '../shared/format.js';
import { Shell } from './Shell.js';

/** What the address says: /e/{eventId}, a promoter's tracking link ?p=…, and after the provider, ?order=…&paid=1. */
function fromLocation() {
  const eventId = /^\/e\/([0-9a-f-]{36})\/?$/.exec(window.location.pathname)?.[1] ?? null;
  const query = new URLSearchParams(window.location.search);
  return { eventId, promoter: query.get('p'), orderId: query.get('order'), paid: query.get('paid') === '1' };
}

/** The most tickets of one type a buyer picks at once (the API takes up to 20). */
const MAX_PER_TYPE = 10;

/**
 * The public buy page (no log-in): the event, its ticket types and what is
 * left, quantities, the buyer's name and e-mail, then the payment provider's
 * page; back from it, the result. Prices are shown, never sent: the server
 * charges its own.
 */
export function BuyApp() {
  const { t, language } = useI18n();
  const api = useMemo(() => endpoints(new ApiClient(() => null)), []);
  const place = useMemo(fromLocation, []);
  const [event, setEvent] = useState<PublicEvent | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error, t);

  useEffect(() => {
    if (!place.eventId) return;
    api.publicEvent(place.eventId).then(setEvent, setLoadError);
  }, [api, place.eventId]);

  if (!place.eventId) return <Shell brand={t('buy.brand')}><p role="alert">{t('buy.noEvent')}</p></Shell>;
  if (place.orderId) {
    return (
      <Shell brand={t('buy.brand')}>
        <section className="buy-result" data-testid="buy-result">
          <h1>{place.paid ? t('buy.paidTitle') : t('buy.notPaidTitle')}</h1>
          <p>{place.paid ? t('buy.paidText') : t('buy.notPaidText')}</p>
          <a className="button" href={`/e/${place.eventId}`}>{t('buy.again')}</a>
        </section>
      </Shell>
    );
  }
  if (!event) return <Shell brand={t('buy.brand')}><ErrorBanner error={loadError} />{!loadError && <p className="muted">{t('common.loading')}</p>}</Shell>;

  const lines = event.ticketTypes.filter((type) => (quantities[type.id] ?? 0) > 0).map((type) => ({ ticketTypeId: type.id, quantity: quantities[type.id]! }));
  const total = event.ticketTypes.reduce((sum, type) => sum + (quantities[type.id] ?? 0) * (type.priceCents + type.feeCents), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const sale = await api.checkout(event.id, {
        buyerName: name.trim(), buyerEmail: email.trim(), lines, locale: language, ...(place.promoter ? { promoter: place.promoter.slice(0, 100) } : {}),
      });
      window.location.assign(sale.checkoutUrl);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Shell brand={t('buy.brand')}>
      <section className="buy-event">
        <h1>{event.name}</h1>
        <p className="muted">{event.venueName} · {formatDayTime(event.startsAt)}</p>
      </section>
      {!event.onSale && <p className="banner banner-warn" role="status">{t('buy.notOnSale')}</p>}
      <form onSubmit={(e) => void submit(e)} aria-label={t('buy.formLabel')}>
        <ul className="buy-types" data-testid="buy-types">
          {event.ticketTypes.map((type) => {
            const most = Math.min(MAX_PER_TYPE, type.available ?? MAX_PER_TYPE);
            const id = `qty-${type.id}`;
            return (
              <li key={type.id} className="buy-type">
                <div className="buy-type-name">
                  <label htmlFor={id}><strong>{type.name}</strong></label>
                  <div className="muted small">
                    {formatAmount(type.priceCents + type.feeCents, event.currency)}
                    {type.feeCents > 0 ? ` · ${t('buy.feeIncluded', { fee: formatAmount(type.feeCents, event.currency) })}` : ''}
                    {most <= 0 ? ` · ${t('buy.soldOut')}` : ''}
                  </div>
                </div>
                <select id={id} value={quantities[type.id] ?? 0} disabled={most <= 0 || !event.onSale} data-testid={`qty-${type.name}`}
                  onChange={(e) => setQuantities({ ...quantities, [type.id]: Number(e.target.value) })}>
                  {Array.from({ length: Math.max(most, 0) + 1 }, (_, n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </li>
            );
          })}
        </ul>
        <div className="buy-total" aria-live="polite"><span>{t('buy.total')}</span><span data-testid="buy-total">{formatAmount(total, event.currency)}</span></div>
        <Field label={t('buy.name')} error={errors.buyerName}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required maxLength={200} data-testid="buyer-name" />}
        </Field>
        <Field label={t('buy.email')} error={errors.buyerEmail}>
          {(props) => <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required maxLength={320} data-testid="buyer-email" />}
        </Field>
        <ErrorBanner error={error} />
        <button type="submit" className="button button-primary button-large" disabled={busy || lines.length === 0 || !event.onSale} data-testid="pay">
          {busy ? t('buy.paying') : t('buy.pay', { total: formatAmount(total, event.currency) })}
        </button>
        <p className="muted small">{t('buy.holdNote')}</p>
      </form>
    </Shell>
  );
}
