import { describe, expect, it } from 'vitest';
import { gaClient } from '../support/ga.js';
import { checkout, deliver, order, saleNight, useMoneyApp } from '../support/money.js';

const { h, stripe } = useMoneyApp();

async function paid(eventId: string, typeId: string, quantity = 1) {
  const sale = await checkout(h, eventId, typeId, quantity);
  stripe.fake.pay(sale.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
  return sale.orderId;
}
const cancel = (eventId: string, token = h.tokens.owner) =>
  h.app.inject({ method: 'POST', url: `/v1/events/${eventId}/cancel`, headers: h.auth(token) });

describe('cancelling an event', () => {
  it('stops sales, cancels pending orders and refunds every paid one in full within the refund policy; again refunds nothing twice', async () => {
    const { eventId, typeId } = await saleNight(h, 20);
    const orders = [await paid(eventId, typeId, 2), await paid(eventId, typeId, 1)];
    const pending = await checkout(h, eventId, typeId, 1);
    const boxOffice = await gaClient(h).tickets(eventId, typeId, 1, true);
    await h.db.sql`update events set refundable_until = now() + interval '1 hour' where id = ${eventId}`;

    const res = await cancel(eventId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ eventId, status: 'cancelled', cancelledPending: 1, refunded: 3, kept: 0, failed: 0 });
    for (const id of orders) expect(await order(h, id)).toMatchObject({ status: 'refunded', refundedCents: expect.any(Number) });
    expect((await order(h, orders[0]!)).refundedCents).toBe(4_600);
    expect((await order(h, boxOffice.orderId)).status).toBe('refunded');
    expect((await order(h, pending.orderId)).status).toBe('cancelled');
    const [type] = await h.db.sql<{ sold: number }[]>`select sold from ticket_types where id = ${typeId}`;
    expect(type!.sold).toBe(0);
    const sale = await h.app.inject({
      method: 'POST', url: `/v1/public/events/${eventId}/checkout`,
      payload: { buyerName: 'Late', buyerEmail: 'late@example.com', lines: [{ ticketTypeId: typeId, quantity: 1 }] },
    });
    expect(sale.json()).toMatchObject({ status: 409, code: 'not_on_sale' });

    const refundsBefore = stripe.fake.events.filter((e) => e.type === 'refund.created').length;
    expect((await cancel(eventId)).json()).toMatchObject({ refunded: 0, failed: 0 });
    expect(stripe.fake.events.filter((e) => e.type === 'refund.created').length).toBe(refundsBefore);
  });

  it('keeps paid orders when cancelled after refundableUntil, and says how many', async () => {
    const { eventId, typeId } = await saleNight(h, 20);
    const id = await paid(eventId, typeId, 1);
    await h.db.sql`update events set refundable_until = now() - interval '1 minute' where id = ${eventId}`;
    expect((await cancel(eventId)).json()).toMatchObject({ refunded: 0, kept: 1, failed: 0 });
    expect(await order(h, id)).toMatchObject({ status: 'paid', refundedCents: 0 });
  });

  it('counts refunds the provider refuses as failed and keeps them on the order; owners only', async () => {
    const { eventId, typeId } = await saleNight(h, 20);
    const id = await paid(eventId, typeId, 1);
    expect((await cancel(eventId, h.tokens.manager)).statusCode).toBe(403);
    stripe.fake.refuseRefunds = 'This charge is disputed.';
    const first = await cancel(eventId).finally(() => (stripe.fake.refuseRefunds = undefined));
    expect(first.json()).toMatchObject({ refunded: 0, failed: 1 });
    expect((await order(h, id)).refunds).toEqual([expect.objectContaining({ status: 'refused', failure: 'This charge is disputed.' })]);
    // The refused refund keeps its key's answer; the owner refunds by hand with a new key, or the provider is sorted out.
    expect((await cancel(eventId)).json()).toMatchObject({ refunded: 0, failed: 1 });
    const manual = await h.app.inject({
      method: 'POST', url: `/v1/orders/${id}/refund`, headers: { ...h.auth(h.tokens.owner), 'idempotency-key': 'after-dispute' }, payload: { reason: 'event cancelled' },
    });
    expect(manual.json()).toMatchObject({ status: 'refunded' });
  });

  it('resumes, when cancelled again, the refunds the provider could not take while it was down', async () => {
    const { eventId, typeId } = await saleNight(h, 20);
    const id = await paid(eventId, typeId, 1);
    stripe.fake.failures.set('POST /v1/refunds', 2);
    expect((await cancel(eventId)).json()).toMatchObject({ refunded: 0, failed: 1 });
    expect((await order(h, id)).refunds).toEqual([expect.objectContaining({ status: 'requested' })]);
    expect((await cancel(eventId)).json()).toMatchObject({ refunded: 1, failed: 0 });
    expect(await order(h, id)).toMatchObject({ status: 'refunded', refundedCents: 2_300, refunds: [{ status: 'succeeded' }] });
  });
});
