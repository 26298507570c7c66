import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createSession, createStaff } from '../../src/db/staff.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);
let eventId: string;
let door: string;
let other: string;

const as = async <T>(token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) => {
  const res = await h.app.inject({ method, url, headers: { ...h.auth(token), ...headers }, ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
};
const scan = (code: string) => as<ScanAnswer>(door, 'POST', '/v1/scans', { code, nonce: nonce() });
const annul = (scanId: string) => as(door, 'POST', `/v1/scans/${scanId}/annul`);
/** A full refund through the payment provider (the test provider here): the order is then refunded. */
const refund = (orderId: string) =>
  as(h.tokens.owner, 'POST', `/v1/orders/${orderId}/refund`, { reason: 'changed their mind' }, { 'idempotency-key': `refund-${orderId}` });
/** An order the promoter sells (pending: a promoter cannot take money), paid at the box office by the owner. */
async function sell(token: string, typeId: string, quantity: number, pay = true) {
  const order = await as<{ id: string; tickets: { code: string }[] }>(token, 'POST', `/v1/events/${eventId}/orders`,
    { buyerName: 'Buyer', buyerEmail: 'buyer@example.com', lines: [{ ticketTypeId: typeId, quantity }] });
  if (pay) await as(h.tokens.owner, 'POST', `/v1/orders/${order.id}/pay`);
  return order;
}

beforeAll(async () => {
  eventId = await ga.event();
  door = (await ga.device(eventId)).token;
  const staff = await createStaff(h.db.sql, { venueId: VIP_TEST.venueId, email: `q${nonce()}@x.io`, name: 'Quinn', role: 'promoter', password: 'long-enough-pw' });
  other = await createSession(h.db.sql, staff.id);
});

describe('the promoter report', () => {
  it('equals the hand computation for a night with refunds and annulled scans, by either rule', async () => {
    const promoter = h.tokens.promoter;
    const a = await ga.ticketType(eventId, { priceCents: 1_999, feeCents: 300 });
    const b = await ga.ticketType(eventId, { priceCents: 3_500 });

    const both = await sell(promoter, a, 2);                 // 2 paid, both come in
    for (const t of both.tickets) await scan(t.code);
    const refunded = await sell(promoter, b, 1);             // comes in, then refunded
    await scan(refunded.tickets[0]!.code);
    await refund(refunded.id);
    const annulled = await sell(promoter, b, 1);             // admitted, then the admission annulled
    await annul((await scan(annulled.tickets[0]!.code)).scanId);
    await sell(promoter, a, 1);                              // paid, never comes
    await sell(promoter, a, 1, false);                       // never paid

    const table = await as<{ id: string }>(h.tokens.owner, 'POST', `/v1/events/${eventId}/tables`, { number: 'P1', capacity: 4 });
    const booking = await as<{ id: string }>(promoter, 'POST', `/v1/events/${eventId}/reservations`, { tableId: table.id, hostName: 'Host', guestCount: 2 });
    const confirmed = await as<{ passes: { code: string }[] }>(promoter, 'POST', `/v1/reservations/${booking.id}/confirm`);
    await scan(confirmed.passes[0]!.code);                  // the host comes

    const list = await as<{ id: string }>(promoter, 'POST', `/v1/events/${eventId}/guest-lists`, { name: 'Friends' });
    const guest = await as<{ code: string }>(promoter, 'POST', `/v1/guest-lists/${list.id}/guests`, { name: 'Ana Torres', plusOnes: 2 });
    await scan(guest.code);
    await scan(guest.code);
    await annul((await scan(guest.code)).scanId);           // 2 of the party in

    const theirs = await sell(other, a, 1);                 // another promoter's sale
    await scan(theirs.tickets[0]!.code);

    // By hand: sold 2 + 1 + 1 + 1 (paid or refunded) = 5; paid 4; refunded 1; revenue 2 × 1,999 + 3,500 + 1,999 = 9,497.
    // In: 2 tickets + the refunded holder (came, no commission) + the host + 2 of the party = 6.
    const expected = {
      ticketsSold: 5, ticketsPaid: 4, ticketsRefunded: 1, paidRevenueCents: 9_497,
      tableBookings: 1, guests: 1, listedPeople: 3, checkedIn: 6,
    };
    type Report = { commission: object; items: ({ promoterId: string; name: string; commissionCents: number } & typeof expected)[] };
    const mine = async () => (await as<Report>(h.tokens.owner, 'GET', `/v1/events/${eventId}/promoters`)).items.find((i) => i.name === 'promoter')!;

    // 12.5 % of the paid price of holders who came: 2 × 1,999 = 3,998 → 499.75, rounded down to 499.
    await as(h.tokens.manager, 'PUT', `/v1/events/${eventId}/commission`, { rule: 'revenue_share', basisPoints: 1_250 });
    expect(await mine()).toMatchObject({ ...expected, commissionCents: 499 });
    // 500 a head: the 2 paid holders, the host, 2 of the party = 5 → 2,500 (the refunded holder earns nothing).
    await as(h.tokens.owner, 'PUT', `/v1/events/${eventId}/commission`, { rule: 'per_head', perHeadCents: 500 });
    expect(await mine()).toMatchObject({ ...expected, commissionCents: 2_500 });

    // A refund now takes its holder's part away at once: one of the two paid holders.
    await refund(both.id);
    expect(await mine()).toMatchObject({ ticketsPaid: 2, ticketsRefunded: 3, checkedIn: 6, commissionCents: 1_500 });

    const own = await as<Report>(promoter, 'GET', `/v1/events/${eventId}/promoters`);
    expect(own.items.map((i) => i.name)).toEqual(['promoter']);
    const quinn = (await as<Report>(other, 'GET', `/v1/events/${eventId}/promoters`)).items;
    expect(quinn).toEqual([expect.objectContaining({ name: 'Quinn', ticketsSold: 1, checkedIn: 1, commissionCents: 500 })]);
  });
});
