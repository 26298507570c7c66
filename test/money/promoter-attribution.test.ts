import { describe, expect, it } from 'vitest';
import { createStaff } from '../../src/db/staff.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { gaClient } from '../support/ga.js';
import { nonce } from '../support/fixtures.js';
import { deliver, saleNight, useMoneyApp } from '../support/money.js';

const { h, stripe } = useMoneyApp();
const ga = gaClient(h);

const promoterId = async () => (await h.db.sql<{ id: string }[]>`select id from staff where email = 'promoter@maguey.local'`)[0]!.id;

/** A public checkout through the tracking link's `promoter`, paid through the provider. */
async function boughtThroughLink(eventId: string, typeId: string, promoter: string) {
  const res = await h.app.inject({
    method: 'POST', url: `/v1/public/events/${eventId}/checkout`,
    payload: { buyerName: 'Ana Buyer', buyerEmail: 'ana@example.com', lines: [{ ticketTypeId: typeId, quantity: 2 }], promoter },
  });
  expect(res.statusCode, res.body).toBe(201);
  const sale = res.json() as { orderId: string; checkoutUrl: string };
  const sessionId = sale.checkoutUrl.split('/pay/')[1]!;
  stripe.fake.pay(sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', sessionId));
  return sale.orderId;
}
const promoterOf = async (orderId: string) => (await h.db.sql<{ promoter_id: string | null }[]>`select promoter_id from orders where id = ${orderId}`)[0]!.promoter_id;

describe('the tracking link ?p= on the public buy page', () => {
  it('credits the order to the venue\'s promoter it names; a link of nobody, another venue\'s staff or a non-promoter credits no one', async () => {
    const { eventId, typeId } = await saleNight(h);
    const promoter = await promoterId();
    expect(await promoterOf(await boughtThroughLink(eventId, typeId, promoter))).toBe(promoter);
    const manager = (await h.db.sql<{ id: string }[]>`select id from staff where email = 'manager@maguey.local'`)[0]!.id;
    const elsewhere = await createStaff(h.db.sql, { venueId: (await h.db.sql`insert into venues (name) values ('Other') returning id`)[0]!.id as string,
      email: `p${nonce()}@other.club`, name: 'Their promoter', role: 'promoter', password: 'long-enough-password' });
    for (const stale of [manager, elsewhere.id, 'not-a-promoter', '00000000-0000-4000-8000-000000000000']) {
      expect(await promoterOf(await boughtThroughLink(eventId, typeId, stale)), stale).toBeNull();
    }
  });

  it('pays commission on the money kept: a partial refund takes its share away', async () => {
    const { eventId, typeId } = await saleNight(h);
    const orderId = await boughtThroughLink(eventId, typeId, await promoterId());
    const door = (await ga.device(eventId)).token;
    for (const { code } of await h.db.sql<{ code: string }[]>`select code from tickets where order_id = ${orderId}`) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(door), payload: { code, nonce: nonce() } });
      expect(res.json<ScanAnswer>().decision).toBe('admit');
    }
    await h.app.inject({ method: 'PUT', url: `/v1/events/${eventId}/commission`, headers: h.auth(h.tokens.owner), payload: { rule: 'revenue_share', basisPoints: 1_000 } });
    const mine = async () => ((await h.app.inject({ method: 'GET', url: `/v1/events/${eventId}/promoters`, headers: h.auth(h.tokens.owner) }))
      .json() as { items: { name: string; paidRevenueCents: number; commissionCents: number }[] }).items.find((i) => i.name === 'promoter')!;
    // 10 % of two tickets' price (2 × 2,000, fees aside) whose holders came in.
    expect(await mine()).toMatchObject({ paidRevenueCents: 4_000, commissionCents: 400 });
    // A quarter of the 4,600 charged goes back: a quarter of the revenue and of the commission with it.
    const refund = await h.app.inject({ method: 'POST', url: `/v1/orders/${orderId}/refund`, headers: { ...h.auth(h.tokens.owner), 'idempotency-key': `p-${nonce()}` },
      payload: { amountCents: 1_150, reason: 'one guest left early' } });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(await mine()).toMatchObject({ paidRevenueCents: 3_000, commissionCents: 300 });
  });
});
