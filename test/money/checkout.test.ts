import { describe, expect, it } from 'vitest';
import { gaClient } from '../support/ga.js';
import { checkout, deliver, housekeeping, ledgerOf, order, saleNight, useMoneyApp } from '../support/money.js';

const { h, stripe } = useMoneyApp();

const sold = async (typeId: string) => (await h.db.sql<{ sold: number }[]>`select sold from ticket_types where id = ${typeId}`)[0]!.sold;
const buy = (eventId: string, payload: object) => h.app.inject({ method: 'POST', url: `/v1/public/events/${eventId}/checkout`, payload });

describe('public checkout', () => {
  it('shows the event and its ticket types to anyone, with what is left', async () => {
    const { eventId, typeId } = await saleNight(h, 10);
    await checkout(h, eventId, typeId, 3);
    const res = await h.app.inject({ method: 'GET', url: `/v1/public/events/${eventId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: eventId, currency: 'USD', onSale: true, ticketTypes: [{ id: typeId, priceCents: 2_000, feeCents: 300, available: 7 }] });
  });

  it('charges the server\'s prices, holds the tickets until expiresAt and opens a provider session for exactly the total', async () => {
    const { eventId, typeId } = await saleNight(h, 10);
    const before = Date.now();
    const res = await buy(eventId, { buyerName: 'Ana', buyerEmail: 'ana@example.com', lines: [{ ticketTypeId: typeId, quantity: 2 }] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { orderId: string; status: string; checkoutUrl: string; expiresAt: string };
    expect(body.status).toBe('pending');
    expect(body.checkoutUrl).toMatch(/^http:\/\/localhost(:\d+)?\/pay\/cs_test_/);
    const holdMs = Date.parse(body.expiresAt) - before;
    expect(holdMs).toBeGreaterThan(14 * 60_000);
    expect(holdMs).toBeLessThan(16 * 60_000);
    const session = stripe.fake.get(body.checkoutUrl.split('/pay/')[1]!)!;
    expect(session).toMatchObject({ amount_total: 4_600, currency: 'usd', customer_email: 'ana@example.com' });
    expect(session.metadata).toMatchObject({ orderId: body.orderId });
    expect(await sold(typeId)).toBe(2);
    expect(await order(h, body.orderId)).toMatchObject({ status: 'pending', totalCents: 4_600, balanceDueCents: 4_600, paidCents: 0 });
  });

  it('refuses a price, an unknown field or too many tickets from the buyer (400) and a sold-out type (409), holding nothing', async () => {
    const { eventId, typeId } = await saleNight(h, 2);
    const line = { ticketTypeId: typeId, quantity: 1 };
    expect((await buy(eventId, { buyerName: 'A', buyerEmail: 'a@example.com', lines: [{ ...line, priceCents: 1 }] })).statusCode).toBe(400);
    expect((await buy(eventId, { buyerName: 'A', buyerEmail: 'a@example.com', lines: [line], totalCents: 1 })).statusCode).toBe(400);
    expect((await buy(eventId, { buyerName: 'A', buyerEmail: 'not-an-email', lines: [line] })).statusCode).toBe(400);
    expect((await buy(eventId, { buyerName: 'A', buyerEmail: 'a@example.com', lines: [{ ...line, quantity: 3 }] })).statusCode).toBe(409);
    expect((await buy('00000000-0000-4000-8000-000000000000', { buyerName: 'A', buyerEmail: 'a@example.com', lines: [line] })).statusCode).toBe(404);
    // A comp (free) type is the box office's: not sold to the public, not even beside a priced one.
    const comp = await gaClient(h).ticketType(eventId, { priceCents: 0 });
    const mixed = await buy(eventId, { buyerName: 'A', buyerEmail: 'a@example.com', lines: [line, { ticketTypeId: comp, quantity: 1 }] });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json()).toMatchObject({ code: 'not_on_sale', errors: [{ field: 'body/lines/1/ticketTypeId' }] });
    expect(await sold(typeId)).toBe(0);
  });

  it('answers 503 when the provider is down, and leaves no order holding tickets', async () => {
    const { eventId, typeId } = await saleNight(h, 10);
    stripe.fake.down = true;
    const res = await buy(eventId, { buyerName: 'Ana', buyerEmail: 'ana@example.com', lines: [{ ticketTypeId: typeId, quantity: 2 }] })
      .finally(() => (stripe.fake.down = false));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json()).toMatchObject({ code: 'payment_provider_unavailable' });
    expect(await sold(typeId)).toBe(0);
    const orders = await h.db.sql<{ status: string }[]>`select status from orders where event_id = ${eventId}`;
    expect(orders).toEqual([{ status: 'cancelled' }]);
  });

  it('when the hold ends: the order is cancelled, its tickets go back and its provider session is expired', async () => {
    const { eventId, typeId } = await saleNight(h, 10);
    const sale = await checkout(h, eventId, typeId, 2);
    await h.db.sql`update orders set expires_at = now() - interval '1 second' where id = ${sale.orderId}`;
    const done = await housekeeping(h);
    expect(done.releasedOrders).toBeGreaterThanOrEqual(1);
    expect(done.expiredCheckouts).toBeGreaterThanOrEqual(1);
    expect(stripe.fake.get(sale.sessionId)!.status).toBe('expired');
    expect(await sold(typeId)).toBe(0);
    const o = await order(h, sale.orderId);
    expect(o.status).toBe('cancelled');
    expect(o.payments[0]).toMatchObject({ status: 'expired' });
    // The provider's expiry event changes nothing more.
    expect((await deliver(h, stripe, stripe.last('checkout.session.expired', sale.sessionId))).status).toBe(200);
    expect((await order(h, sale.orderId)).status).toBe('cancelled');
  });

  it('refunds automatically a payment that succeeds after the hold ended (the tickets went back on sale)', async () => {
    const { eventId, typeId } = await saleNight(h, 10);
    const sale = await checkout(h, eventId, typeId, 2);
    await h.db.sql`update orders set expires_at = now() - interval '1 second' where id = ${sale.orderId}`;
    await h.db.sql`select release_expired_orders()`;
    stripe.fake.pay(sale.sessionId, { ignoreExpiry: true }); // the buyer's payment raced the hold's end
    const hook = await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
    expect(hook.status).toBe(200);
    const o = await order(h, sale.orderId);
    expect(o).toMatchObject({ status: 'cancelled', paidCents: 4_600, refundedCents: 4_600, balanceDueCents: 0 });
    expect(o.refunds).toEqual([expect.objectContaining({ status: 'succeeded', amountCents: 4_600 })]);
    expect(o.tickets.every((t) => t.status === 'cancelled')).toBe(true);
    expect((await ledgerOf(h, sale.orderId)).map(([kind]) => kind)).toEqual(['charge', 'fee', 'refund']);
    // Every later delivery about this payment refunds nothing more.
    await deliver(h, stripe, stripe.last('payment_intent.succeeded'));
    await deliver(h, stripe, stripe.last('charge.refunded'));
    expect((await ledgerOf(h, sale.orderId)).filter(([kind]) => kind === 'refund')).toHaveLength(1);
    expect(await sold(typeId)).toBe(0);
  });

  it('refunds a late payment on the next housekeeping run when the provider failed the webhook\'s refund', async () => {
    const { eventId, typeId } = await saleNight(h, 10);
    const sale = await checkout(h, eventId, typeId, 1);
    await h.db.sql`update orders set expires_at = now() - interval '1 second' where id = ${sale.orderId}`;
    await h.db.sql`select release_expired_orders()`;
    stripe.fake.pay(sale.sessionId, { ignoreExpiry: true });
    stripe.fake.failures.set('POST /v1/refunds', 2); // the SDK tries twice
    expect((await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId))).status).toBe(200);
    expect(await order(h, sale.orderId)).toMatchObject({ status: 'cancelled', paidCents: 2_300, refundedCents: 0 });
    const done = await housekeeping(h);
    expect(done.refundedOrders).toBe(1);
    const o = await order(h, sale.orderId);
    expect(o).toMatchObject({ status: 'cancelled', paidCents: 2_300, refundedCents: 2_300 });
    expect(o.refunds).toHaveLength(1);
    expect((await housekeeping(h)).refundedOrders).toBe(0);
  });
});
