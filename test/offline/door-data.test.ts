import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDevice } from '../../src/db/devices.js';
import { createEvent, createVenue } from '../../src/db/events.js';
import { setOrderStatus } from '../../src/db/orders.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import type { DoorData } from '../../src/offline/door-data.js';
import { openName } from '../../src/offline/sealed-name.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

const h = useApp();
const EVENT = VIP_TEST.eventId;
const url = (cursor?: string) => `/v1/events/${EVENT}/door-data${cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`}`;
const get = (token: string, path = url()) => h.app.inject({ method: 'GET', url: path, headers: h.auth(token) });
const read = async (cursor?: string) => {
  const res = await get(h.tokens.device, url(cursor));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DoorData;
};
const ticketsOf = async () => h.db.sql<{ id: string; code: string; holder: string }[]>`
  select t.id, t.code, coalesce(t.holder_name, o.buyer_name) as holder
    from tickets t join orders o on o.venue_id = t.venue_id and o.id = t.order_id
   where t.venue_id = ${VIP_TEST.venueId} and t.event_id = ${EVENT} and t.status = 'issued' and o.status = 'paid' order by t.id`;

describe('door data', () => {
  it('gives a bound scanner its whole event: the window, the keys, every pass, ticket and guest with its state', async () => {
    const data = await read();
    expect(data.complete).toBe(true);
    expect(data.event).toMatchObject({ id: EVENT, name: 'Saturday Night', capacity: 300 });
    expect(data.keys.length).toBeGreaterThan(0);
    const [counts] = await h.db.sql<{ n: number }[]>`
      select ((select count(*) from guest_passes where event_id = ${EVENT}) + (select count(*) from tickets where event_id = ${EVENT})
            + (select count(*) from guests where event_id = ${EVENT}))::int as n`;
    expect(data.subjects).toHaveLength(counts!.n);
    const [inside] = await h.db.sql<{ n: number }[]>`select coalesce(sum(inside), 0)::int as n from scan_counters where event_id = ${EVENT}`;
    expect(data.peopleInside).toBe(inside!.n);
  });

  it('seals each holder\'s name under their code: readable with it, not with another code, and nowhere in the clear', async () => {
    const data = await read();
    const [ticket, other] = await ticketsOf();
    const subject = data.subjects.find((s) => s.id === ticket!.id)!;
    expect(await openName(ticket!.code, subject.sealedName)).toBe(ticket!.holder);
    expect(await openName(other!.code, subject.sealedName)).toBeNull();
    const text = JSON.stringify(data);
    const names = await h.db.sql<{ name: string }[]>`
      select host_name as name from vip_reservations where event_id = ${EVENT}
      union select buyer_name from orders where event_id = ${EVENT} union select name from guests where event_id = ${EVENT}`;
    for (const { name } of names) expect(text).not.toContain(name);
    for (const { code } of await ticketsOf()) expect(text).not.toContain(code);
  });

  it('sends, after a cursor, only what changed since: a cancelled order\'s tickets, a scanned ticket; never an unchanged one', async () => {
    const first = await read();
    const [scanned, untouched] = await ticketsOf();
    const [cancelled] = await h.db.sql<{ order_id: string; id: string }[]>`
      select t.order_id, t.id from tickets t join orders o on o.venue_id = t.venue_id and o.id = t.order_id
       where t.event_id = ${EVENT} and o.status = 'paid' and t.id not in ${h.db.sql([scanned!.id, untouched!.id])}
         and o.id not in (select order_id from tickets where id in ${h.db.sql([scanned!.id, untouched!.id])}) limit 1`;
    const scan = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { code: scanned!.code, nonce: nonce() } });
    expect(scan.json()).toMatchObject({ decision: 'admit' });
    // Cursors overlap by a few seconds: age the first read's changes so the delta shows only what happened since.
    for (const table of ['tickets', 'guest_passes', 'guests', 'ticket_types', 'guest_lists', 'orders', 'vip_reservations']) {
      await h.db.sql`update ${h.db.sql(table)} set door_changed_at = now() - interval '1 hour' where event_id = ${EVENT}`;
    }
    await setOrderStatus(h.db.sql, VIP_TEST.venueId, cancelled!.order_id, 'cancelled');
    const delta = await read(first.cursor);
    expect(delta.subjects.find((s) => s.id === cancelled!.id)).toMatchObject({ orderStatus: 'cancelled' });
    expect(delta.complete).toBe(false);
    const moved = delta.subjects.find((s) => s.id === scanned!.id);
    expect(moved).toMatchObject({ status: 'checked_in', inside: true });
    expect(delta.subjects.map((s) => s.id)).not.toContain(untouched!.id);
    expect(delta.peopleInside).toBe(first.peopleInside + 1);
  });

  it('answers 400 naming the cursor for one it never gave, 404 for another venue\'s event or another event\'s scanner, 403 for a promoter', async () => {
    for (const bad of ['x', 'OTk5OTk5OTk5OTk5OTk5OTk5', Buffer.from('8.64e15').toString('base64url'), '-1', '%00', 'a%ED%A0%80b', 'MTc5NjIxODg1NzcxNg%00']) {
      const res = await get(h.tokens.device, `/v1/events/${EVENT}/door-data?cursor=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json(), bad).toMatchObject({ errors: [{ field: expect.stringMatching(/cursor/) }] });
    }
    const venue = await createVenue(h.db.sql, { name: `Other ${nonce()}` });
    const theirs = await createEvent(h.db.sql, { venueId: venue.id, name: 'Theirs', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) });
    expect((await get(h.tokens.owner, `/v1/events/${theirs.id}/door-data`)).statusCode).toBe(404);
    const mine = await createEvent(h.db.sql, { venueId: VIP_TEST.venueId, name: 'Another night', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) });
    const { token } = await createDevice(h.db.sql, { venueId: VIP_TEST.venueId, name: 'Bound elsewhere', gate: 'A', eventId: mine.id });
    expect((await get(token)).statusCode).toBe(404);
    expect((await get(token, `/v1/events/${mine.id}/door-data`)).statusCode).toBe(200);
    for (const role of ['owner', 'manager', 'door'] as const) expect((await get(h.tokens[role])).statusCode).toBe(200);
    expect((await get(h.tokens.promoter)).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: url() })).statusCode).toBe(401);
  });

  it('keeps an event of 10,000 tickets under 1 MB compressed', async () => {
    const event = await createEvent(h.db.sql, { venueId: VIP_TEST.venueId, name: 'Big night', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) });
    await h.db.sql`
      with tt as (insert into ticket_types (venue_id, event_id, name, price_cents) values (${VIP_TEST.venueId}, ${event.id}, 'GA', 1000) returning id),
           o as (insert into orders (venue_id, event_id, buyer_name, buyer_email, status, total_cents, fee_cents) values (${VIP_TEST.venueId}, ${event.id}, 'Buyer', 'b@example.com', 'pending', 0, 0) returning id)
      insert into tickets (venue_id, event_id, order_id, ticket_type_id, code, holder_name)
      select ${VIP_TEST.venueId}, ${event.id}, o.id, tt.id,
             'M1' || md5(random()::text) || md5(random()::text) || i, 'Holder ' || i
        from o, tt, generate_series(1, 10000) i`;
    const res = await h.app.inject({ method: 'GET', url: `/v1/events/${event.id}/door-data`, headers: { ...h.auth(h.tokens.owner), 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.length).toBeLessThan(1_000_000);
    const data = JSON.parse(gunzipSync(res.rawPayload).toString()) as DoorData;
    expect(data.subjects).toHaveLength(10_000);
  });
});
