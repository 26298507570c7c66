import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { checkout, order, saleNight } from '../support/money.js';

// No STRIPE_SECRET_KEY: the built-in test provider, its pay page and its signed webhooks.
const h = useApp();

describe('the built-in test provider', () => {
  it('serves a pay page; paying sends signed events through the webhook and the buyer lands back on the event page', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 2);
    const page = await h.app.inject({ method: 'GET', url: `/pay/${sale.sessionId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('46.00 USD');
    const paid = await h.app.inject({ method: 'POST', url: `/pay/${sale.sessionId}/pay`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'go=1' });
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toBe(`http://localhost:80/e/${eventId}?order=${sale.orderId}&paid=1`);
    expect(await order(h, sale.orderId)).toMatchObject({ status: 'paid', paidCents: 4_600 });
    const [stored] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from payment_events`;
    expect(stored!.n).toBeGreaterThanOrEqual(2);
  });

  it('declines (the order stays pending) and refunds a payment made after the hold ended', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 1);
    const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'go=1' };
    expect((await h.app.inject({ method: 'POST', url: `/pay/${sale.sessionId}/decline`, ...form })).statusCode).toBe(303);
    expect(await order(h, sale.orderId)).toMatchObject({ status: 'pending', payments: [{ status: 'failed' }] });
    await h.db.sql`update orders set expires_at = now() - interval '1 second' where id = ${sale.orderId}`;
    await h.db.sql`select release_expired_orders()`;
    expect((await h.app.inject({ method: 'POST', url: `/pay/${sale.sessionId}/pay-late`, ...form })).statusCode).toBe(303);
    await h.app.deps.money.testProvider!.settled();
    expect(await order(h, sale.orderId)).toMatchObject({ status: 'cancelled', paidCents: 2_300, refundedCents: 2_300 });
  });

  it('answers 404 for a session it does not know and 400 for a malformed one', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/pay/cs_test_nothing' })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/pay/%00' })).statusCode).toBe(400);
  });
});
