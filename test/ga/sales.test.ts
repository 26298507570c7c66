import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);
let eventId: string;

beforeAll(async () => {
  eventId = await ga.event();
});

describe('selling GA tickets', () => {
  it('prices an order from its ticket types, never from the request', async () => {
    const typeId = await ga.ticketType(eventId, { priceCents: 2_500, feeCents: 300 });
    const sneaky = await ga.post(`/v1/events/${eventId}/orders`, { buyerName: 'B', buyerEmail: 'b@example.com', lines: [{ ticketTypeId: typeId, quantity: 2 }], totalCents: 1 });
    expect(sneaky.status).toBe(400);
    const { orderId, tickets } = await ga.tickets(eventId, typeId, 2, false);
    const [order] = await h.db.sql`select status, total_cents, fee_cents from orders where id = ${orderId}`;
    expect(order).toEqual({ status: 'pending', total_cents: 5_600, fee_cents: 600 });
    expect(tickets).toHaveLength(2);
    expect(tickets.every((t) => t.code.startsWith('M1'))).toBe(true);
  });

  it('lets only owners and managers record a paid order', async () => {
    const typeId = await ga.ticketType(eventId);
    const body = { buyerName: 'B', buyerEmail: 'b@example.com', lines: [{ ticketTypeId: typeId, quantity: 1 }], paid: true };
    expect((await ga.post(`/v1/events/${eventId}/orders`, body, h.tokens.promoter)).status).toBe(403);
    expect((await ga.post(`/v1/events/${eventId}/orders`, { ...body, paid: false }, h.tokens.promoter)).status).toBe(201);
    expect((await ga.post(`/v1/events/${eventId}/orders`, body, h.tokens.manager)).status).toBe(201);
  });

  it('pays, cancels and refunds by the order state machine, giving inventory back', async () => {
    const typeId = await ga.ticketType(eventId, { inventory: 5 });
    const pending = await ga.tickets(eventId, typeId, 2, false);
    expect((await ga.refund(pending.orderId)).status).toBe(409); // pending cannot be refunded
    expect((await ga.post<{ status: string }>(`/v1/orders/${pending.orderId}/pay`)).body.status).toBe('paid');
    const refunded = await ga.refund<{ status: string; tickets: { status: string }[] }>(pending.orderId);
    expect(refunded.body.status).toBe('refunded');
    expect(refunded.body.tickets.every((t) => t.status === 'cancelled')).toBe(true);
    expect((await ga.post(`/v1/orders/${pending.orderId}/pay`)).status).toBe(409);
    const [type] = await h.db.sql`select sold from ticket_types where id = ${typeId}`;
    expect(type).toEqual({ sold: 0 });
  });

  it('never oversells: 50 concurrent orders for the last 10 tickets sell exactly 10', async () => {
    const typeId = await ga.ticketType(eventId, { inventory: 10 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const statuses = await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/v1/events/${eventId}/orders`, {
      method: 'POST', headers: { ...h.auth(h.tokens.owner), 'content-type': 'application/json' },
      body: JSON.stringify({ buyerName: 'Rush', buyerEmail: 'rush@example.com', lines: [{ ticketTypeId: typeId, quantity: 1 }], paid: true }),
    }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }))));
    expect(statuses.filter((s) => s.status === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s.status === 409 && s.code === 'sold_out')).toHaveLength(40);
    const [row] = await h.db.sql`
      select t.sold, (select count(*)::int from tickets where ticket_type_id = t.id) as tickets,
             (select count(*)::int from orders o join order_lines l on l.order_id = o.id where l.ticket_type_id = t.id) as orders
        from ticket_types t where id = ${typeId}`;
    expect(row).toEqual({ sold: 10, tickets: 10, orders: 10 });
  });
});
