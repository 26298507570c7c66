import { describe, expect, it } from 'vitest';
import { checkout, deliver, ledgerOf, order, saleNight, useMoneyApp } from '../support/money.js';

const { h, stripe } = useMoneyApp({ webhookLockTimeoutMs: 300 });

async function paidSale(quantity = 1) {
  const { eventId, typeId } = await saleNight(h);
  const sale = await checkout(h, eventId, typeId, quantity);
  stripe.fake.pay(sale.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
  return { eventId, typeId, ...sale };
}

describe('the ledger', () => {
  it('is append-only: PostgreSQL refuses to change or delete an entry', async () => {
    const sale = await paidSale();
    await expect(h.db.sql`update ledger_entries set amount_cents = 1 where order_id = ${sale.orderId}`).rejects.toThrow(/ledger_append_only/);
    await expect(h.db.sql`delete from ledger_entries where order_id = ${sale.orderId}`).rejects.toThrow(/ledger_append_only/);
    expect(await ledgerOf(h, sale.orderId)).toEqual([['charge', 2_300], ['fee', -97]]);
  });

  it('books one provider object once per kind, whatever writes it', async () => {
    const sale = await paidSale();
    const [entry] = await h.db.sql<{ venue_id: string; event_id: string; provider_ref: string }[]>`
      select venue_id, event_id, provider_ref from ledger_entries where order_id = ${sale.orderId} and kind = 'charge'`;
    await expect(h.db.sql`
      insert into ledger_entries (venue_id, event_id, kind, amount_cents, currency, provider_ref)
      values (${entry!.venue_id}, ${entry!.event_id}, 'charge', 2300, 'USD', ${entry!.provider_ref})`).rejects.toThrow(/duplicate key/);
  });

  it('is served per event to owners and managers, oldest first, page by page', async () => {
    const first = await paidSale(1);
    const { sessionId, orderId } = await checkout(h, first.eventId, first.typeId, 2);
    stripe.fake.pay(sessionId);
    await deliver(h, stripe, stripe.last('checkout.session.completed', sessionId));
    const pages = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await h.app.inject({
        method: 'GET', url: `/v1/events/${first.eventId}/ledger?limit=3${cursor ? `&cursor=${cursor}` : ''}`, headers: h.auth(h.tokens.manager),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { kind: string; amountCents: number; orderId: string; currency: string; providerRef: string }[]; nextCursor: string | null };
      pages.push(body.items);
      cursor = body.nextCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
    // Oldest first: the first sale's entries before the second's (one sale's entries share their millisecond).
    expect(pages.flat().map((e) => e.orderId)).toEqual([first.orderId, first.orderId, orderId, orderId]);
    expect(pages.flat().map((e) => `${e.kind} ${e.amountCents}`).sort()).toEqual(['charge 2300', 'charge 4600', 'fee -163', 'fee -97']);
    expect(pages.flat().every((e) => e.currency === 'USD' && /^(ch|txn)_/.test(e.providerRef))).toBe(true);
    const bad = await h.app.inject({ method: 'GET', url: `/v1/events/${first.eventId}/ledger?cursor=nope`, headers: h.auth(h.tokens.owner) });
    expect(bad.statusCode).toBe(400);
  });

  it('answers a webhook 503 (the provider retries) when the order stays locked past the lock timeout, and applies the retry', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 1);
    stripe.fake.pay(sale.sessionId);
    const event = stripe.last('checkout.session.completed', sale.sessionId);
    const [holder] = await h.db.clients(1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const transaction = holder!.begin(async (tx) => {
      await tx`select 1 from orders where id = ${sale.orderId} for update`;
      locked();
      await held;
    });
    await isLocked;
    const busy = await deliver(h, stripe, event);
    release();
    await transaction;
    expect(busy.status).toBe(503);
    expect(busy.body.code).toBe('busy');
    const [stored] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from payment_events where id = ${event.id}`;
    expect(stored!.n).toBe(0);
    expect((await deliver(h, stripe, event)).body).toEqual({ received: true, duplicate: false });
    expect((await order(h, sale.orderId)).status).toBe('paid');
  });

  it('sums the night for the dashboard: gross, fees, refunds, net, and lists the orders with their money', async () => {
    const first = await paidSale(2);
    const { sessionId, orderId } = await checkout(h, first.eventId, first.typeId, 1);
    stripe.fake.pay(sessionId);
    await deliver(h, stripe, stripe.last('checkout.session.completed', sessionId));
    await h.app.inject({
      method: 'POST', url: `/v1/orders/${orderId}/refund`, headers: { ...h.auth(h.tokens.owner), 'idempotency-key': 'money-1' }, payload: { reason: 'x' },
    });
    const money = (await h.app.inject({ method: 'GET', url: `/v1/events/${first.eventId}/money`, headers: h.auth(h.tokens.manager) })).json();
    expect(money).toEqual({
      currency: 'USD', grossCents: 6_900, feeCents: 163 + 97, refundCents: 2_300, disputeCents: 0,
      netCents: 6_900 - 163 - 97 - 2_300, paidOrders: 1, ticketsSold: 2,
    });
    const orders = (await h.app.inject({ method: 'GET', url: `/v1/events/${first.eventId}/orders?limit=1`, headers: h.auth(h.tokens.owner) })).json() as { items: { id: string; status: string; refundedCents: number }[]; nextCursor: string };
    expect(orders.items).toEqual([expect.objectContaining({ id: orderId, status: 'refunded', refundedCents: 2_300 })]);
    const next = (await h.app.inject({ method: 'GET', url: `/v1/events/${first.eventId}/orders?cursor=${orders.nextCursor}`, headers: h.auth(h.tokens.owner) })).json() as { items: { id: string; paidCents: number }[] };
    expect(next.items).toEqual([expect.objectContaining({ id: first.orderId, paidCents: 4_600 })]);
  });
});
