import { useCallback, useEffect, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { MoneySummary, Order, OrderSummary } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatAmount, formatDayTime } from '../shared/format.js';
import { newNonce } from '../shared/nonce.js';
import { Sheet } from '../shared/Sheet.js';
import { NightView } from './NightView.js';

/** The night's sales and money (from the ledger), its orders, and an order's payments and refunds. */
export function MoneyView({ api, eventId, mayRefund, mayClose }: { api: Endpoints; eventId: string; mayRefund: boolean; mayClose: boolean }) {
  const { t } = useI18n();
  const [money, setMoney] = useState<MoneySummary | null>(null);
  const [orders, setOrders] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const [summary, page] = await Promise.all([api.money(eventId), api.orders(eventId)]);
      setMoney(summary);
      setOrders(page.items);
      setCursor(page.nextCursor);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, eventId]);
  useEffect(() => { void load(); }, [load]);

  const more = async () => {
    try {
      const page = await api.orders(eventId, cursor);
      setOrders([...orders, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    }
  };

  const amount = (cents: number) => (money ? formatAmount(cents, money.currency) : '—');
  return (
    <div className="stack">
      <ErrorBanner error={error} onRetry={() => void load()} />
      <section className="stat-tiles" aria-label={t('money.label')} data-testid="money-tiles">
        <Tile label={t('money.gross')} value={amount(money?.grossCents ?? 0)} sub={money ? t('money.sold', { orders: money.paidOrders, tickets: money.ticketsSold }) : ''} testId="money-gross" />
        <Tile label={t('money.fees')} value={amount(money?.feeCents ?? 0)} sub={t('money.feesSub')} testId="money-fees" />
        <Tile label={t('money.refunds')} value={amount(money?.refundCents ?? 0)} sub={money?.disputeCents ? t('money.disputes', { amount: amount(money.disputeCents) }) : ''} testId="money-refunds" />
        <Tile label={t('money.net')} value={amount(money?.netCents ?? 0)} sub={t('money.netSub')} testId="money-net" />
      </section>
      <section className="panel" aria-labelledby="orders-title">
        <h2 id="orders-title">{t('money.orders')}</h2>
        {orders.length === 0 && !error && <p className="muted">{t('money.noOrders')}</p>}
        <ul className="plain-list" data-testid="orders">
          {orders.map((o) => (
            <li key={o.id} className="list-row">
              <div>
                <strong>{o.buyerName}</strong> · {t(`order.status.${o.status}`)}
                <div className="muted small">
                  {formatDayTime(o.createdAt)} · {t('money.tickets', { n: o.tickets })} · {amount(o.paidCents)}
                  {o.refundedCents > 0 ? ` · ${t('money.refunded', { amount: amount(o.refundedCents) })}` : ''}
                </div>
              </div>
              <button type="button" className="button button-small" onClick={() => setOpen(o.id)} data-testid="order-open">{t('money.open')}</button>
            </li>
          ))}
        </ul>
        {cursor && <button type="button" className="button" onClick={() => void more()}>{t('common.loadMore')}</button>}
      </section>
      {mayClose && <NightView api={api} eventId={eventId} />}
      {open && money && (
        <OrderSheet api={api} orderId={open} currency={money.currency} mayRefund={mayRefund}
          onClose={() => setOpen(null)} onChanged={() => void load()} />
      )}
    </div>
  );
}

function Tile({ label, value, sub, testId }: { label: string; value: string; sub: string; testId: string }) {
  return (
    <div className="stat-tile">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>{value}</div>
      <div className="stat-sub">{sub}</div>
    </div>
  );
}

function OrderSheet({ api, orderId, currency, mayRefund, onClose, onChanged }: {
  api: Endpoints; orderId: string; currency: string; mayRefund: boolean; onClose(): void; onChanged(): void;
}) {
  const { t } = useI18n();
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One key per opened sheet: a second tap (or a retry after a timeout) is the same refund.
  const [refundKey] = useState(newNonce);
  useEffect(() => { api.order(orderId).then(setOrder, setError); }, [api, orderId]);
  const amount = (cents: number) => formatAmount(cents, currency);

  const refund = async () => {
    try {
      setOrder(await api.refundOrder(orderId, t('money.refundReason'), refundKey));
      setError(null);
    } catch (failure) {
      setError(failure);
      api.order(orderId).then(setOrder, () => undefined);
    }
    onChanged();
  };

  return (
    <Sheet title={order ? t('money.orderOf', { name: order.buyerName }) : t('common.loading')} onClose={onClose} testId="order-sheet">
      <ErrorBanner error={error} />
      {order && (
        <div className="stack">
          <p>{t(`order.status.${order.status}`)} · {order.buyerEmail} · {t('money.tickets', { n: order.tickets.length })}</p>
          <dl className="order-money">
            <dt>{t('money.total')}</dt><dd>{amount(order.totalCents)}</dd>
            <dt>{t('money.paid')}</dt><dd data-testid="order-paid">{amount(order.paidCents)}</dd>
            <dt>{t('money.refunds')}</dt><dd data-testid="order-refunded">{amount(order.refundedCents)}</dd>
            <dt>{t('money.due')}</dt><dd>{amount(order.balanceDueCents)}</dd>
          </dl>
          <h3>{t('money.payments')}</h3>
          {order.payments.length === 0 && <p className="muted">{t('money.noPayments')}</p>}
          <ul className="plain-list">
            {order.payments.map((p) => (
              <li key={p.id} className="list-row"><div>{t(`payment.status.${p.status}`)} · {amount(p.amountCents)} · <span className="mono">{p.providerRef ?? '—'}</span>
                {p.failure && <div className="muted small">{p.failure}</div>}</div></li>
            ))}
          </ul>
          <h3>{t('money.refundList')}</h3>
          {order.refunds.length === 0 && <p className="muted">{t('money.noRefunds')}</p>}
          <ul className="plain-list" data-testid="order-refunds">
            {order.refunds.map((r) => (
              <li key={r.id} className="list-row"><div>{t(`refund.status.${r.status}`)} · {amount(r.amountCents)} · {r.reason}
                {r.failure && <div className="form-error small">{r.failure}</div>}</div></li>
            ))}
          </ul>
          {mayRefund && order.status === 'paid' && order.paidCents > order.refundedCents && (
            <ConfirmButton className="button button-danger" confirmLabel={t('money.refundConfirm')} onConfirm={() => void refund()}>
              {t('money.refundAll', { amount: amount(order.paidCents - order.refundedCents) })}
            </ConfirmButton>
          )}
        </div>
      )}
    </Sheet>
  );
}
