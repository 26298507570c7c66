import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { nonce } from '../support/fixtures.js';
import { useCitusApp } from './app.js';

// GA on Citus: an order (lines, tickets, inventory in one transaction), its
// signed tickets scanned at the door, and the inventory under a rush.
const h = useCitusApp();
let deviceToken: string;

beforeAll(async () => {
  deviceToken = (await h.call('/v1/devices', h.ownerToken, { method: 'POST', body: { name: 'Citus GA door', gate: 'G' } })).body.token as string;
});

const ticketType = async (inventory: number) => (await h.call(`/v1/events/${VIP_TEST.eventId}/ticket-types`, h.ownerToken, {
  method: 'POST', body: { name: `GA ${nonce()}`, priceCents: 2500, feeCents: 300, inventory, reentry: 'never' },
})).body.id as string;
const order = (typeId: string, quantity: number) => h.call(`/v1/events/${VIP_TEST.eventId}/orders`, h.ownerToken, {
  method: 'POST', body: { buyerName: 'Luis', buyerEmail: 'luis@example.com', paid: true, lines: [{ ticketTypeId: typeId, quantity }] },
});

describe('an order on Citus', () => {
  it('sells two tickets whose signed codes admit once each at the door', async () => {
    const placed = await order(await ticketType(100), 2);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'paid', totalCents: 5600 });
    const tickets = placed.body.tickets as { id: string; code: string }[];
    expect(tickets).toHaveLength(2);
    for (const ticket of tickets) {
      const first = await h.call('/v1/scans', deviceToken, { method: 'POST', body: { code: ticket.code, nonce: nonce() } });
      expect(first.body).toMatchObject({ decision: 'admit', entryType: 'first_entry' });
      const again = await h.call('/v1/scans', deviceToken, { method: 'POST', body: { code: ticket.code, nonce: nonce() } });
      expect(again.body).toMatchObject({ decision: 'deny', reason: 'already_used' });
    }
  });

  it('never oversells: 20 concurrent orders for the last 5 tickets sell exactly 5', async () => {
    const typeId = await ticketType(5);
    const results = await Promise.all(Array.from({ length: 20 }, () => order(typeId, 1)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'sold_out')).toHaveLength(15);
    const [row] = await h.db.sql`
      select t.sold, (select count(*)::int from tickets k where k.venue_id = t.venue_id and k.ticket_type_id = t.id) as tickets
        from ticket_types t where t.venue_id = ${VIP_TEST.venueId} and t.id = ${typeId}`;
    expect(row).toEqual({ sold: 5, tickets: 5 });
  });
});
