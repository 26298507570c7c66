import { describe, expect, it } from 'vitest';
import { createTicketType, placeOrder, releaseExpiredOrders } from '../../src/db/orders.js';
import { useTestDatabase } from '../support/database.js';
import { makeNight, testIssuer } from '../support/fixtures.js';

const db = useTestDatabase();

describe('releasing expired holds while others buy', () => {
  it('never deadlocks and leaves sold equal to the tickets of live orders, exactly', async () => {
    const night = await makeNight(db.sql, { reservations: 0, guests: 1 });
    const types = [];
    for (let i = 0; i < 3; i++) types.push(await createTicketType(db.sql, { venueId: night.venueId, eventId: night.eventId, name: `T${i}`, priceCents: 100, inventory: 40 }));
    // 20 held orders across all three types, their holds already over.
    const lines = types.map((t) => ({ ticketTypeId: t.id, quantity: 1 }));
    for (let i = 0; i < 20; i++) {
      await placeOrder(db.sql, testIssuer, { venueId: night.venueId, eventId: night.eventId, buyerName: 'H', buyerEmail: 'h@example.com', lines, paid: false, createdBy: null });
    }
    await db.sql`update orders set expires_at = now() - interval '1 second'`;

    // 8 connections at once: 4 release, 4 buy across the same types (in reversed line order: the lock order is the function's).
    const clients = await db.clients(8);
    const results = await Promise.all(clients.map(async (client, i) => {
      if (i < 4) return { released: await releaseExpiredOrders(client), bought: 0 };
      let bought = 0;
      for (let k = 0; k < 5; k++) {
        await placeOrder(client, testIssuer, { venueId: night.venueId, eventId: night.eventId, buyerName: 'B', buyerEmail: 'b@example.com', lines: [...lines].reverse(), paid: true, createdBy: null });
        bought++;
      }
      return { released: 0, bought };
    }));

    expect(results.reduce((n, r) => n + r.released, 0)).toBe(20); // each expired order released once, by one of the four
    const [row] = await db.sql`
      select (select sum(sold)::int from ticket_types where event_id = ${night.eventId}) as sold,
             (select count(*)::int from tickets t join orders o on o.venue_id = t.venue_id and o.id = t.order_id
               where o.event_id = ${night.eventId} and o.status <> 'cancelled') as live,
             (select count(*)::int from orders where event_id = ${night.eventId} and status = 'pending') as pending`;
    expect(row).toEqual({ sold: 20 * 3, live: 20 * 3, pending: 0 });
  });
});
