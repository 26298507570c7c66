import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { gaClient } from '../support/ga.js';
import { nonce } from '../support/fixtures.js';
import { checkout, deliver, ledgerOf, order, saleNight, useMoneyApp, type OrderView } from '../support/money.js';

const { h, stripe } = useMoneyApp();

async function paidSale(quantity = 2) {
  const { eventId, typeId } = await saleNight(h);
  const sale = await checkout(h, eventId, typeId, quantity);
  stripe.fake.pay(sale.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
  return { eventId, typeId, ...sale, intent: stripe.fake.get(sale.sessionId)!.payment_intent as string };
}

const refund = (orderId: string, key: string | undefined, payload: object = { reason: 'test' }, token = h.tokens.owner) => h.app.inject({
  method: 'POST', url: `/v1/orders/${orderId}/refund`, payload,
  headers: { ...h.auth(token), ...(key ? { 'idempotency-key': key } : {}) },
});
const providerRefunds = (intent: string) => [...stripe.fake.events].filter((e) => e.type === 'refund.created' && e.data.object.payment_intent === intent).length;

describe('refunds', () => {
  it('makes one refund per Idempotency-Key: the same key again answers the same refund and asks the provider nothing more', async () => {
    const sale = await paidSale();
    const first = await refund(sale.orderId, 'k-1', { amountCents: 1_500, reason: 'one guest ill' });
    const again = await refund(sale.orderId, 'k-1', { amountCents: 1_500, reason: 'one guest ill' });
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode).toBe(200);
    expect((again.json() as OrderView).refunds).toEqual((first.json() as OrderView).refunds);
    expect(providerRefunds(sale.intent)).toBe(1);
    expect(await order(h, sale.orderId)).toMatchObject({ status: 'paid', paidCents: 4_600, refundedCents: 1_500 });
    expect((await ledgerOf(h, sale.orderId)).filter(([k]) => k === 'refund')).toEqual([['refund', -1_500]]);
  });

  it('asks for the key, refuses more than is left (409) and partial refunds of box-office orders', async () => {
    const sale = await paidSale();
    expect((await refund(sale.orderId, undefined)).statusCode).toBe(400);
    expect((await refund(sale.orderId, 'k', {})).statusCode).toBe(400);
    expect((await refund(sale.orderId, 'k-big', { amountCents: 4_601, reason: 'x' })).json()).toMatchObject({ status: 409, code: 'amount_too_large' });
    const ga = gaClient(h);
    const boxOffice = await ga.tickets(sale.eventId, sale.typeId, 1, true);
    expect((await refund(boxOffice.orderId, 'k-bo', { amountCents: 100, reason: 'x' })).json()).toMatchObject({ status: 409, code: 'no_provider_payment' });
    expect(await ledgerOf(h, sale.orderId)).toHaveLength(2);
  });

  it('revokes the tickets of a full refund: their codes are denied at the door and listed for offline scanners', async () => {
    const sale = await paidSale(2);
    await refund(sale.orderId, 'k-1', { amountCents: 600, reason: 'partial first' });
    const res = await refund(sale.orderId, 'k-2', { reason: 'the rest' });
    const o = res.json() as OrderView;
    expect(o).toMatchObject({ status: 'refunded', paidCents: 4_600, refundedCents: 4_600 });
    expect(o.tickets.map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    const device = await gaClient(h).device(sale.eventId);
    const scan = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(device.token), payload: { code: o.tickets[0]!.code, nonce: nonce() } });
    expect(scan.json()).toMatchObject({ decision: 'deny', reason: 'cancelled' });
    const keys = (await h.app.inject({ method: 'GET', url: `/v1/events/${sale.eventId}/keys`, headers: h.auth(h.tokens.owner) })).json() as { revokedCodes: { subjectId: string }[] };
    expect(keys.revokedCodes.map((r) => r.subjectId)).toEqual(expect.arrayContaining(o.tickets.map((t) => t.id)));
  });

  it('writes down a refund the provider refuses, and the owner sees why', async () => {
    const sale = await paidSale(1);
    stripe.fake.refuseRefunds = 'This charge is disputed: it cannot be refunded.';
    const res = await refund(sale.orderId, 'k-1', { reason: 'asked by the buyer' }).finally(() => (stripe.fake.refuseRefunds = undefined));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'refund_refused', detail: expect.stringContaining('disputed') });
    const o = await order(h, sale.orderId);
    expect(o).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect(o.refunds).toEqual([expect.objectContaining({ status: 'refused', failure: 'This charge is disputed: it cannot be refunded.' })]);
    expect((await ledgerOf(h, sale.orderId)).map(([k]) => k)).toEqual(['charge', 'fee']);
    // The same key stays that refused refund; a new key may try again.
    expect((await refund(sale.orderId, 'k-1', { reason: 'again' })).statusCode).toBe(409);
    expect((await refund(sale.orderId, 'k-2', { reason: 'again' })).statusCode).toBe(200);
  });

  it('answers 503 while the provider fails, and the retry with the same key finishes that one refund', async () => {
    const sale = await paidSale(1);
    stripe.fake.failures.set('POST /v1/refunds', 2);
    const down = await refund(sale.orderId, 'k-1');
    expect(down.statusCode).toBe(503);
    expect((await order(h, sale.orderId)).refunds).toEqual([expect.objectContaining({ status: 'requested' })]);
    // Meanwhile no other refund may take that money.
    expect((await refund(sale.orderId, 'k-other')).json()).toMatchObject({ code: 'nothing_to_refund' });
    const retried = await refund(sale.orderId, 'k-1');
    expect(retried.statusCode).toBe(200);
    expect((retried.json() as OrderView)).toMatchObject({ status: 'refunded', refundedCents: 2_300 });
    expect(providerRefunds(sale.intent)).toBe(1);
  });

  it('finds the refund an earlier attempt made at the provider (we crashed before writing it) instead of making a second', async () => {
    const sale = await paidSale(1);
    const [row] = await h.db.sql<{ id: string }[]>`
      insert into refunds (venue_id, event_id, order_id, idempotency_key, amount_cents, reason)
      select venue_id, event_id, id, 'k-crash', 2300, 'crashed' from orders where id = ${sale.orderId} returning id`;
    const api = new Stripe(stripe.settings.secretKey, { host: '127.0.0.1', port: new URL(stripe.settings.apiBase).port, protocol: 'http' });
    await api.refunds.create({ payment_intent: sale.intent, amount: 2_300, metadata: { refundId: row!.id } });
    const res = await refund(sale.orderId, 'k-crash');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refunded', refundedCents: 2_300, refunds: [{ status: 'succeeded' }] });
    expect(providerRefunds(sale.intent)).toBe(1);
  });

  it('gives back the money once when two full refunds with different keys race', async () => {
    for (let round = 0; round < 5; round++) {
      const sale = await paidSale(1);
      const answers = await Promise.all([refund(sale.orderId, `a-${round}`), refund(sale.orderId, `b-${round}`)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect(providerRefunds(sale.intent)).toBe(1);
      expect((await ledgerOf(h, sale.orderId)).filter(([k]) => k === 'refund')).toEqual([['refund', -2_300]]);
    }
  });
});
