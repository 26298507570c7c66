import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { createEvent, createVenue } from '../../src/db/events.js';
import { createTicketType, placeOrder, setOrderStatus } from '../../src/db/orders.js';
import { useTestDatabase } from '../support/database.js';
import { testIssuer } from '../support/fixtures.js';

const db = useTestDatabase();
const ITERATIONS = 200;
let venueId: string;
let eventId: string;
let types: string[];
let clients: Sql[];

beforeAll(async () => {
  venueId = (await createVenue(db.sql, { name: 'Deadlock Club' })).id;
  eventId = (await createEvent(db.sql, { venueId, name: 'N', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) })).id;
  types = [];
  for (const name of ['A', 'B']) types.push((await createTicketType(db.sql, { venueId, eventId, name, priceCents: 1_000 })).id);
  clients = await db.clients(2);
});

const order = (sql: Sql, lines: string[]) => placeOrder(sql as never, testIssuer, {
  venueId, eventId, buyerName: 'Buyer', buyerEmail: 'b@example.com', paid: true, createdBy: null,
  lines: lines.map((ticketTypeId) => ({ ticketTypeId, quantity: 1 })),
});

describe('cancelling a two-type order while the same types are bought', () => {
  it(`never deadlocks in ${ITERATIONS} races, and sold counts equal the live tickets`, async () => {
    const errors: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const existing = await order(db.sql, [types[0]!, types[1]!]);
      const results = await Promise.allSettled([
        setOrderStatus(clients[0]!, venueId, existing.id, 'cancelled'),
        order(clients[1]!, [types[1]!, types[0]!]),
      ]);
      for (const r of results) if (r.status === 'rejected') errors.push(String((r.reason as { code?: string }).code ?? r.reason));
    }
    expect(errors).toEqual([]);
    const rows = await db.sql`
      select t.sold, (select count(*)::int from tickets k where k.ticket_type_id = t.id and k.status <> 'cancelled') as live
        from ticket_types t where t.event_id = ${eventId}`;
    for (const row of rows) expect(row.sold).toBe(row.live);
  });
});
