import { describe, expect, it } from 'vitest';
import { createTicketType, placeOrder } from '../../src/db/orders.js';
import { makeNight, testIssuer } from '../support/fixtures.js';
import { checkout, deliver, saleNight, useMoneyApp } from '../support/money.js';

const { h, stripe } = useMoneyApp();

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\uD800y';

async function status(request: { method: 'GET' | 'POST'; url: string; payload?: unknown; headers?: Record<string, string> }) {
  const res = await h.app.inject(request as never);
  expect(res.statusCode, res.body).toBeLessThan(500);
  return { status: res.statusCode, fields: ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field) };
}

describe('hostile input on the money routes', () => {
  it('is a 400 naming the field at the public checkout, holding nothing', async () => {
    const { eventId, typeId } = await saleNight(h);
    const url = `/v1/public/events/${eventId}/checkout`;
    const ok = { buyerName: 'Ana', buyerEmail: 'ana@example.com', lines: [{ ticketTypeId: typeId, quantity: 1 }] };
    expect(await status({ method: 'POST', url, payload: { ...ok, buyerName: NUL } })).toEqual({ status: 400, fields: ['body/buyerName'] });
    expect(await status({ method: 'POST', url, payload: { ...ok, buyerName: LONE_SURROGATE } })).toEqual({ status: 400, fields: ['body/buyerName'] });
    expect((await status({ method: 'POST', url, payload: { ...ok, lines: [{ ticketTypeId: typeId, quantity: 1e300 }] } })).status).toBe(400);
    expect((await status({ method: 'POST', url, payload: { ...ok, lines: [{ ticketTypeId: 'x', quantity: 1 }] } })).status).toBe(400);
    expect((await status({ method: 'POST', url: '/v1/public/events/not-a-uuid/checkout', payload: ok })).status).toBe(400);
    expect((await status({ method: 'POST', url, payload: { ...ok, promoter: NUL } })).fields).toEqual(['body/promoter']);
    const [type] = await h.db.sql<{ sold: number }[]>`select sold from ticket_types where id = ${typeId}`;
    expect(type!.sold).toBe(0);
  });

  it('is a 400 for hostile refund input, and a 404 for another venue\'s order', async () => {
    const { eventId, typeId } = await saleNight(h);
    const sale = await checkout(h, eventId, typeId, 1);
    stripe.fake.pay(sale.sessionId);
    await deliver(h, stripe, stripe.last('checkout.session.completed', sale.sessionId));
    const url = `/v1/orders/${sale.orderId}/refund`;
    const headers = { ...h.auth(h.tokens.owner), 'idempotency-key': 'k' };
    expect((await status({ method: 'POST', url, headers, payload: { reason: NUL } })).fields).toEqual(['body/reason']);
    expect((await status({ method: 'POST', url, headers, payload: { reason: 'x', amountCents: 1e300 } })).fields).toEqual(['body/amountCents']);
    expect((await status({ method: 'POST', url, headers, payload: { reason: 'x', amountCents: -5 } })).fields).toEqual(['body/amountCents']);
    expect((await status({ method: 'POST', url, headers: { ...headers, 'idempotency-key': LONE_SURROGATE }, payload: { reason: 'x' } })).status).toBe(400);

    const other = await makeNight(h.db.sql, { reservations: 0, guests: 1 });
    const type = await createTicketType(h.db.sql, { venueId: other.venueId, eventId: other.eventId, name: 'T', priceCents: 100 });
    const theirs = await placeOrder(h.db.sql, testIssuer, { venueId: other.venueId, eventId: other.eventId, buyerName: 'X', buyerEmail: 'x@example.com', lines: [{ ticketTypeId: type.id, quantity: 1 }], paid: true, createdBy: null });
    expect((await status({ method: 'POST', url: `/v1/orders/${theirs.id}/refund`, headers, payload: { reason: 'x' } })).status).toBe(404);
    expect((await status({ method: 'GET', url: `/v1/events/${other.eventId}/ledger`, headers: h.auth(h.tokens.owner) })).status).toBe(404);
    const [row] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from refunds`;
    expect(row!.n).toBe(0);
  });

  it('is a 400 for a webhook body that is not JSON, huge, or an empty signature, never a 5xx', async () => {
    const send = (payload: string, signature?: string) => status({
      method: 'POST', url: '/v1/payments/stripe/webhook', payload,
      headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'stripe-signature': signature }) },
    });
    expect((await send('not json', 't=1,v1=abc')).status).toBe(400);
    expect((await send('', '')).status).toBe(400);
    expect((await send(`{"id":"${NUL}"}`, 't=1,v1=abc')).status).toBe(400);
    const signed = stripe.sign({ id: 'evt_x', object: 'event', type: 'x', created: 0, livemode: false, api_version: null, data: { object: { id: 'x', object: 'x' } } });
    expect((await send(signed.payload.padEnd(2 * 1024 * 1024, ' '), signed.signature)).status).toBe(413);
  });
});
