import { describe, expect, it } from 'vitest';
import { checkout, deliver, ledgerOf, order, saleNight, useMoneyApp } from '../support/money.js';

const { h, stripe } = useMoneyApp();

describe('webhooks and refunds at once on one order', () => {
  it('applies the same event delivered 20 times at once exactly once', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 2);
    stripe.fake.pay(sale.sessionId);
    const event = stripe.last('checkout.session.completed', sale.sessionId);
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(h, stripe, event)));
    // Every delivery is answered 200 (or 503: retried later); exactly one applied it.
    expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === false)).toHaveLength(1);
    const [stored] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from payment_events where id = ${event.id}`;
    expect(stored!.n).toBe(1);
    expect(await ledgerOf(h, sale.orderId)).toEqual([['charge', 4_600], ['fee', -163]]);
    expect((await order(h, sale.orderId)).status).toBe('paid');
  });

  it('every event of a payment delivered at once, twice each, in reverse: the same ledger as one by one', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 3);
    stripe.fake.pay(sale.sessionId);
    const intent = stripe.fake.get(sale.sessionId)!.payment_intent as string;
    await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
    const first = stripe.fake.events.length;
    // Two partial refunds through the API (each books itself), a dispute, then everything delivered at once.
    for (const [key, amount] of [['a', 1_000], ['b', 2_000]] as const) {
      const res = await h.app.inject({
        method: 'POST', url: `/v1/orders/${sale.orderId}/refund`, headers: { ...h.auth(h.tokens.owner), 'idempotency-key': key },
        payload: { amountCents: amount, reason: 'partial' },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    stripe.fake.dispute(intent);
    const events = stripe.fake.events.filter((e, i) => i >= first - 2).reverse();
    await Promise.all([...events, ...events].map((e) => deliver(h, stripe, e)));
    const ledger = await ledgerOf(h, sale.orderId);
    expect(ledger.map(([kind, amount]) => `${kind} ${amount}`).sort()).toEqual([
      'charge 6900', 'dispute -6900', `fee -${Math.round(6_900 * 0.029) + 30}`, 'refund -1000', 'refund -2000',
    ].sort());
    expect(await order(h, sale.orderId)).toMatchObject({ status: 'paid', paidCents: 6_900, refundedCents: 3_000 });
  });

  it('a full refund, a cancel and the payment\'s webhook at once: counts and ledger exact', async () => {
    for (let round = 0; round < 5; round++) {
      const { eventId, typeId } = await saleNight(h, 10);
      const sale = await checkout(h, eventId, typeId, 2);
      stripe.fake.pay(sale.sessionId);
      await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
      const [refund, cancel, hook] = await Promise.all([
        h.app.inject({
          method: 'POST', url: `/v1/orders/${sale.orderId}/refund`, headers: { ...h.auth(h.tokens.owner), 'idempotency-key': `full-${round}` },
          payload: { reason: 'event moved' },
        }),
        h.app.inject({ method: 'POST', url: `/v1/orders/${sale.orderId}/cancel`, headers: h.auth(h.tokens.owner) }),
        deliver(h, stripe, stripe.last('payment_intent.succeeded')),
      ]);
      // The refund or the cancel's own refund came first: the other finds nothing left (409) or the order refunded.
      expect([200, 409]).toContain(refund.statusCode);
      expect([200, 409]).toContain(cancel.statusCode);
      expect(hook.status).toBe(200);
      // Whatever came first, the money went back once and the tickets are back on sale once.
      const o = await order(h, sale.orderId);
      expect(['refunded', 'cancelled']).toContain(o.status);
      expect(o.refundedCents).toBe(4_600);
      expect((await ledgerOf(h, sale.orderId)).filter(([kind]) => kind === 'refund')).toEqual([['refund', -4_600]]);
      const [type] = await h.db.sql<{ sold: number }[]>`select sold from ticket_types where id = ${typeId}`;
      expect(type!.sold).toBe(0);
    }
  });

  it('a hold ending while its payment\'s webhook arrives: either the order is paid and keeps its tickets, or it is cancelled and refunded in full', async () => {
    const outcomes = new Set<string>();
    const [releaser] = await h.db.clients(1);
    for (let round = 0; round < 8; round++) {
      const { eventId, typeId } = await saleNight(h, 10);
      const sale = await checkout(h, eventId, typeId, 2);
      stripe.fake.pay(sale.sessionId);
      await h.db.sql`update orders set expires_at = now() - interval '1 second' where id = ${sale.orderId}`;
      const [released, hook] = await Promise.all([
        releaser!`select release_expired_orders() as n`,
        deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId)),
      ]);
      expect(hook.status).toBe(200);
      const o = await order(h, sale.orderId);
      const [type] = await h.db.sql<{ sold: number }[]>`select sold from ticket_types where id = ${typeId}`;
      const refunds = (await ledgerOf(h, sale.orderId)).filter(([kind]) => kind === 'refund');
      if (o.status === 'paid') {
        expect({ sold: type!.sold, refunds, refunded: o.refundedCents }).toEqual({ sold: 2, refunds: [], refunded: 0 });
      } else {
        expect(o.status).toBe('cancelled');
        expect({ sold: type!.sold, refunds, refunded: o.refundedCents }).toEqual({ sold: 0, refunds: [['refund', -4_600]], refunded: 4_600 });
      }
      expect(o.paidCents).toBe(4_600);
      outcomes.add(`${o.status}/${(released[0] as { n: number }).n}`);
    }
    // Both ways are legal; which one wins each round is up to the scheduler.
    expect([...outcomes].every((x) => ['paid/0', 'cancelled/1'].includes(x))).toBe(true);
  });
});
