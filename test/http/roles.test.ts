import { describe, expect, it } from 'vitest';
import { listTables } from '../../src/db/events.js';
import { releaseExpiredOrders } from '../../src/db/orders.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createSession, createStaff } from '../../src/db/staff.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp({ failedScansPerMinute: 3 });
const ga = gaClient(h);

async function otherPromoter() {
  const staff = await createStaff(h.db.sql, { venueId: VIP_TEST.venueId, email: `p2-${nonce()}@maguey.local`, name: 'Other Promoter', role: 'promoter', password: 'promoter-two-pw-1' });
  return createSession(h.db.sql, staff.id);
}
const get = (url: string, token: string) => h.app.inject({ method: 'GET', url, headers: h.auth(token) });
const post = (url: string, token: string, payload?: object) => h.app.inject({ method: 'POST', url, headers: h.auth(token), ...(payload ? { payload } : {}) });

describe('a promoter', () => {
  it('sees and changes only the reservations they booked, passes included', async () => {
    const other = await otherPromoter();
    const table = (await listTables(h.db.sql, VIP_TEST.venueId, VIP_TEST.eventId)).find((t) => t.number === '102')!;
    const booked = await post(`/v1/events/${VIP_TEST.eventId}/reservations`, h.tokens.promoter, { tableId: table.id, hostName: 'Mine', guestCount: 2 });
    expect(booked.statusCode).toBe(201);
    const { id } = booked.json() as { id: string };
    const confirmed = await post(`/v1/reservations/${id}/confirm`, h.tokens.promoter);
    expect(confirmed.statusCode).toBe(200);
    const mine = await get(`/v1/reservations/${id}`, h.tokens.promoter);
    const passId = (mine.json() as { passes: { id: string; code?: string }[] }).passes[0]!.id;
    expect((mine.json() as { passes: { code?: string }[] }).passes[0]!.code).toBeDefined();

    expect((await get(`/v1/reservations/${id}`, other)).statusCode).toBe(404);
    expect((await post(`/v1/reservations/${id}/cancel`, other)).statusCode).toBe(404);
    expect((await get(`/v1/passes/${passId}/qr.svg`, other)).statusCode).toBe(404);
    expect((await get(`/v1/reservations/${VIP_TEST.reservationId}`, h.tokens.promoter)).statusCode).toBe(404);
    const listed = (await get(`/v1/events/${VIP_TEST.eventId}/reservations?limit=500`, other)).json() as { items: unknown[] };
    expect(listed.items).toHaveLength(0);
    const ownList = (await get(`/v1/events/${VIP_TEST.eventId}/reservations?limit=500`, h.tokens.promoter)).json() as { items: { id: string }[] };
    expect(ownList.items.map((r) => r.id)).toEqual([id]);
    expect((await get(`/v1/reservations/${id}`, h.tokens.owner)).statusCode).toBe(200);
    const [row] = await h.db.sql`select status from vip_reservations where id = ${id}`;
    expect(row!.status).toBe('confirmed');
  });

  it('sees only the tickets of orders they sold', async () => {
    const other = await otherPromoter();
    const [type] = (await get(`/v1/events/${VIP_TEST.eventId}/ticket-types`, h.tokens.owner)).json().items as { id: string }[];
    const sold = await post(`/v1/events/${VIP_TEST.eventId}/orders`, h.tokens.promoter, { buyerName: 'Fan', buyerEmail: 'fan@example.com', lines: [{ ticketTypeId: type!.id, quantity: 1 }] });
    expect(sold.statusCode).toBe(201);
    const ticketId = (sold.json() as { tickets: { id: string }[] }).tickets[0]!.id;
    expect((await get(`/v1/tickets/${ticketId}`, h.tokens.promoter)).json()).toHaveProperty('code');
    expect((await get(`/v1/tickets/${ticketId}`, other)).statusCode).toBe(404);
    expect((await get(`/v1/tickets/${ticketId}/qr.svg`, other)).statusCode).toBe(404);
    expect((await get(`/v1/tickets/${ticketId}/qr.svg`, h.tokens.promoter)).statusCode).toBe(200);
  });
});

describe('door staff', () => {
  it('get no GA ticket code and no QR image, as for passes', async () => {
    const eventId = await ga.event();
    const { tickets } = await ga.tickets(eventId, await ga.ticketType(eventId));
    const read = await get(`/v1/tickets/${tickets[0]!.id}`, h.tokens.door);
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('code');
    expect(read.body).not.toContain(tickets[0]!.code);
    expect((await get(`/v1/tickets/${tickets[0]!.id}/qr.svg`, h.tokens.door)).statusCode).toBe(403);
    expect((await get(`/v1/tickets/${tickets[0]!.id}/qr.png`, h.tokens.door)).statusCode).toBe(403);
    expect((await get(`/v1/tickets/${tickets[0]!.id}`, h.tokens.owner)).json()).toHaveProperty('code', tickets[0]!.code);
  });
});

describe('a scanner that keeps presenting unknown codes', () => {
  it('is refused (429, Retry-After) past the limit whether or not it says `manual`; other scanners are not', async () => {
    const device = await ga.device(undefined, 'F');
    const scan = (token: string, code: string) => post('/v1/scans', token, { code, nonce: nonce() });
    const logRows = async () => (await h.db.sql`select count(*)::int as n from scan_log where scanner_id = ${device.device.id}`)[0]!.n as number;
    for (let i = 0; i < 3; i++) expect((await scan(device.token, `GUESS-${nonce()}`)).json()).toHaveProperty('reason', 'unknown_code');
    const refused = await scan(device.token, VIP_TEST.passCodes[0]!);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await logRows()).toBe(3);
    // Valid codes from another scanner are never counted, however many.
    for (let i = 0; i < 5; i++) expect((await scan(h.tokens.device, VIP_TEST.passCodes[1]!)).statusCode).toBe(200);
  });
});

describe('a pending order', () => {
  it('holds its tickets until it expires, then release_expired_orders() gives them back', async () => {
    const eventId = await ga.event();
    const typeId = await ga.ticketType(eventId, { inventory: 2 });
    const held = await ga.tickets(eventId, typeId, 2, false);
    const [order] = await h.db.sql`select status, expires_at > now() + interval '14 minutes' as fifteen from orders where id = ${held.orderId}`;
    expect(order).toEqual({ status: 'pending', fifteen: true });
    const paid = await ga.tickets(eventId, await ga.ticketType(eventId, { inventory: 1 }), 1, true);
    expect((await post(`/v1/events/${eventId}/orders`, h.tokens.owner, { buyerName: 'Late', buyerEmail: 'l@example.com', lines: [{ ticketTypeId: typeId, quantity: 1 }] })).statusCode).toBe(409);

    expect(await releaseExpiredOrders(h.db.sql)).toBe(0); // not yet expired: nothing moves
    await h.db.sql`update orders set expires_at = now() - interval '1 second' where id in (${held.orderId}, ${paid.orderId})`;
    expect(await releaseExpiredOrders(h.db.sql)).toBe(1); // the paid order is not pending: kept
    const [after] = await h.db.sql`
      select o.status, (select sold from ticket_types where id = ${typeId}) as sold,
             (select count(*)::int from tickets where order_id = o.id and status = 'cancelled') as cancelled
        from orders o where o.id = ${held.orderId}`;
    expect(after).toEqual({ status: 'cancelled', sold: 0, cancelled: 2 });
    const [stillPaid] = await h.db.sql`select status from orders where id = ${paid.orderId}`;
    expect(stillPaid!.status).toBe('paid');
    expect((await post(`/v1/orders/${held.orderId}/pay`, h.tokens.owner)).statusCode).toBe(409);
    expect((await post(`/v1/events/${eventId}/orders`, h.tokens.owner, { buyerName: 'Now', buyerEmail: 'n@example.com', lines: [{ ticketTypeId: typeId, quantity: 2 }] })).statusCode).toBe(201);
  });
});
