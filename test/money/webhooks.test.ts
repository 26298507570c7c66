import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { checkout, deliver, housekeeping, ledgerOf, order, saleNight, useMoneyApp } from '../support/money.js';

const { h, stripe } = useMoneyApp();

/** The provider's API as someone in Stripe's dashboard would use it: refunds made outside Maguey Pass. */
const dashboard = () => new Stripe(stripe.settings.secretKey, {
  host: '127.0.0.1', port: new URL(stripe.settings.apiBase).port, protocol: 'http',
});

const countEvents = async () => (await h.db.sql<{ n: number }[]>`select count(*)::int as n from payment_events`)[0]!.n;

describe('the Stripe webhook', () => {
  it('books a paid checkout: the order is paid, the ledger has the charge and the fee, the payment its intent', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 2);
    stripe.fake.pay(sale.sessionId);
    const res = await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
    expect(res).toEqual({ status: 200, body: { received: true, duplicate: false } });
    const o = await order(h, sale.orderId);
    expect(o).toMatchObject({ status: 'paid', totalCents: 4_600, paidCents: 4_600, refundedCents: 0, balanceDueCents: 0 });
    expect(o.payments).toEqual([expect.objectContaining({ status: 'paid', providerRef: expect.stringMatching(/^pi_/) })]);
    expect(await ledgerOf(h, sale.orderId)).toEqual([['charge', 4_600], ['fee', -(Math.round(4_600 * 0.029) + 30)]]);
  });

  it('refuses tampered, replayed, unsigned and wrongly signed deliveries with 400 and changes nothing', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 1);
    stripe.fake.pay(sale.sessionId);
    const event = stripe.last('checkout.session.completed', sale.sessionId);
    const before = await countEvents();
    const send = (payload: string, headers: Record<string, string>) => h.app.inject({
      method: 'POST', url: '/v1/payments/stripe/webhook', payload, headers: { 'content-type': 'application/json', ...headers },
    });

    const signed = stripe.sign(event);
    const tampered = await send(signed.payload.replace('"amount_total":2300', '"amount_total":1'), { 'stripe-signature': signed.signature });
    const replayed = stripe.sign(event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const late = await send(replayed.payload, { 'stripe-signature': replayed.signature });
    const unsigned = await send(signed.payload, {});
    const foreign = stripe.sign(event, { secret: 'whsec_someone_else' });
    const wrongKey = await send(foreign.payload, { 'stripe-signature': foreign.signature });
    const garbage = await send(signed.payload, { 'stripe-signature': 't=1,v1=00' });

    for (const res of [tampered, late, unsigned, wrongKey, garbage]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'invalid_signature' });
    }
    expect(await countEvents()).toBe(before);
    expect((await order(h, sale.orderId)).status).toBe('pending');
    expect(await ledgerOf(h, sale.orderId)).toEqual([]);
    // Signed within the 300 s tolerance, the same event is applied.
    const onTime = stripe.sign(event, { timestamp: Math.floor(Date.now() / 1000) - 250 });
    expect((await send(onTime.payload, { 'stripe-signature': onTime.signature })).statusCode).toBe(200);
    expect((await order(h, sale.orderId)).status).toBe('paid');
  });

  it('applies an event once: a second delivery is a duplicate and books nothing', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 1);
    stripe.fake.pay(sale.sessionId);
    const event = stripe.last('checkout.session.completed', sale.sessionId);
    expect((await deliver(h, stripe, event)).body.duplicate).toBe(false);
    expect((await deliver(h, stripe, event)).body.duplicate).toBe(true);
    // Another event about the same payment finds everything booked already.
    expect((await deliver(h, stripe, stripe.last('payment_intent.succeeded'))).body.duplicate).toBe(false);
    expect(await ledgerOf(h, sale.orderId)).toHaveLength(2);
  });

  it('ends right when charge.refunded arrives before checkout.session.completed: paid, then refunded, codes revoked', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 2);
    stripe.fake.pay(sale.sessionId);
    const intent = stripe.fake.get(sale.sessionId)!.payment_intent as string;
    await dashboard().refunds.create({ payment_intent: intent });

    expect((await deliver(h, stripe, stripe.last('charge.refunded'))).status).toBe(200);
    expect((await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId))).status).toBe(200);
    expect((await deliver(h, stripe, stripe.last('payment_intent.succeeded', intent))).status).toBe(200);

    const o = await order(h, sale.orderId);
    expect(o).toMatchObject({ status: 'refunded', paidCents: 4_600, refundedCents: 4_600, balanceDueCents: 0 });
    expect(o.tickets.map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    expect((await ledgerOf(h, sale.orderId)).map(([kind]) => kind).sort()).toEqual(['charge', 'fee', 'refund']);
    const [revoked] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from code_revocations r join tickets t on t.venue_id = r.venue_id and t.id = r.subject_id
       where t.order_id = ${sale.orderId}`;
    expect(revoked!.n).toBe(2);
  });

  it('keeps a declined order pending (the buyer may try again) and cancels it when the session expires, giving its tickets back', async () => {
    const { eventId, typeId } = await saleNight(h, 5);
    const sale = await checkout(h, eventId, typeId, 3);
    stripe.fake.decline(sale.sessionId);
    await deliver(h, stripe, stripe.last('payment_intent.payment_failed'));
    let o = await order(h, sale.orderId);
    expect(o.status).toBe('pending');
    expect(o.payments[0]).toMatchObject({ status: 'failed' });

    await dashboard().checkout.sessions.expire(sale.sessionId);
    await deliver(h, stripe, stripe.last('checkout.session.expired', sale.sessionId));
    o = await order(h, sale.orderId);
    expect(o.status).toBe('cancelled');
    const [type] = await h.db.sql<{ sold: number }[]>`select sold from ticket_types where id = ${typeId}`;
    expect(type!.sold).toBe(0);
  });

  it('books a dispute and its reversal when the venue wins it', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 1);
    stripe.fake.pay(sale.sessionId);
    const intent = stripe.fake.get(sale.sessionId)!.payment_intent as string;
    const dispute = stripe.fake.dispute(intent);
    // The dispute's event first, the payment's after.
    await deliver(h, stripe, stripe.last('charge.dispute.created'));
    await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
    expect(await ledgerOf(h, sale.orderId)).toEqual(expect.arrayContaining([['charge', 2_300], ['dispute', -2_300]]));
    stripe.fake.closeDispute(dispute.id, 'won');
    await deliver(h, stripe, stripe.last('charge.dispute.closed'));
    expect((await ledgerOf(h, sale.orderId)).filter(([kind]) => kind.startsWith('dispute'))).toEqual([['dispute', -2_300], ['dispute_reversal', 2_300]]);
  });

  it('books a refund that fails later (refund.updated) as money back in, and the owner sees the failure', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 2);
    stripe.fake.pay(sale.sessionId);
    await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
    const res = await h.app.inject({
      method: 'POST', url: `/v1/orders/${sale.orderId}/refund`, headers: { ...h.auth(h.tokens.owner), 'idempotency-key': 'partial-1' },
      payload: { amountCents: 1_000, reason: 'one guest could not come' },
    });
    expect(res.statusCode).toBe(200);
    const refund = (res.json() as { refunds: { providerRef: string }[] }).refunds[0]!;
    stripe.fake.failRefund(refund.providerRef);
    await deliver(h, stripe, stripe.last('refund.updated'));
    const o = await order(h, sale.orderId);
    expect(o).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect(o.refunds[0]).toMatchObject({ status: 'failed', failure: 'expired_or_canceled_card' });
    expect((await ledgerOf(h, sale.orderId)).filter(([kind]) => kind.startsWith('refund'))).toEqual([['refund', -1_000], ['refund_failed', 1_000]]);
  });

  it('stores an event about nobody\'s order (another installation\'s) and answers 200 so it is not retried', async () => {
    const session = await dashboard().checkout.sessions.create({
      mode: 'payment', success_url: 'https://example.com', metadata: { venueId: 'not-ours' },
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'x' } } }],
    });
    stripe.fake.pay(session.id);
    expect((await deliver(h, stripe, stripe.last('checkout.session.completed', session.id))).status).toBe(200);
  });

  it('stores an event whose object the provider does not know and answers 200, booking nothing', async () => {
    const { payload, signature } = stripe.sign({
      id: 'evt_unknown_object', object: 'event', type: 'charge.refunded', created: Math.floor(Date.now() / 1000), livemode: false, api_version: null,
      data: { object: { id: 'ch_gone', object: 'charge', payment_intent: 'pi_gone' } },
    });
    const res = await h.app.inject({ method: 'POST', url: '/v1/payments/stripe/webhook', payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
    expect(res.statusCode).toBe(200);
    expect(await countEvents()).toBeGreaterThan(0);
    const [row] = await h.db.sql`select type from payment_events where id = 'evt_unknown_object'`;
    expect(row).toEqual({ type: 'charge.refunded' });
  });

  it('keeps provider events 30 days: housekeeping deletes older ones only', async () => {
    await h.db.sql`insert into payment_events (id, type, received_at) values ('evt_old', 'x', now() - interval '31 days'), ('evt_recent', 'x', now() - interval '29 days')`;
    const done = await housekeeping(h);
    expect(done.paymentEvents).toBe(1);
    expect((await h.db.sql`select id from payment_events where id in ('evt_old', 'evt_recent')`).map((r) => r.id)).toEqual(['evt_recent']);
  });
});
