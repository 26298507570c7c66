import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';

const h = useApp();

type Json = Record<string, unknown> & { errors?: { field: string; message: string }[] };

async function call(method: 'POST' | 'PATCH', url: string, payload: unknown, token = h.tokens.owner) {
  const res = await h.app.inject({ method, url, headers: h.auth(token), payload: payload as object });
  return { status: res.statusCode, body: res.json() as Json };
}

async function newEvent() {
  const { body } = await call('POST', '/v1/events', { name: 'Edit night', startsAt: '2026-12-05T22:00:00Z', endsAt: '2026-12-06T05:00:00Z' });
  return body as { id: string };
}

describe('the editors\' routes (PATCH)', () => {
  it('changes an event\'s fields, clears its capacity with null, and stores it', async () => {
    const event = await newEvent();
    const res = await call('PATCH', `/v1/events/${event.id}`, { name: 'Sábado', capacity: 300, doorsOpenAt: '2026-12-05T21:30:00Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Sábado', capacity: 300, doorsOpenAt: '2026-12-05T21:30:00.000Z', startsAt: '2026-12-05T22:00:00.000Z' });
    const cleared = await call('PATCH', `/v1/events/${event.id}`, { capacity: null });
    expect(cleared.body).toMatchObject({ name: 'Sábado', capacity: null });
    const [row] = await h.db.sql`select name, capacity from events where id = ${event.id}`;
    expect(row).toEqual({ name: 'Sábado', capacity: null });
  });

  it('sets the door window, the VIP re-entry rule and the refund limit, on creating and on editing', async () => {
    const created = await call('POST', '/v1/events', {
      name: 'Window night', startsAt: '2026-12-05T22:00:00Z', endsAt: '2026-12-06T05:00:00Z', earlyEntryMinutes: 30, vipReentry: 'after_exit',
    });
    expect(created.body).toMatchObject({ earlyEntryMinutes: 30, lateEntryMinutes: 60, vipReentry: 'after_exit', refundableUntil: null });
    const edited = await call('PATCH', `/v1/events/${created.body.id as string}`, { lateEntryMinutes: 0, refundableUntil: '2026-12-04T12:00:00Z' });
    expect(edited.body).toMatchObject({ earlyEntryMinutes: 30, lateEntryMinutes: 0, refundableUntil: '2026-12-04T12:00:00.000Z' });
    const never = await call('PATCH', `/v1/events/${created.body.id as string}`, { vipReentry: 'never', earlyEntryMinutes: 2000 });
    expect(never.status).toBe(400);
    expect(new Set(never.body.errors!.map((e) => e.field))).toEqual(new Set(['body/vipReentry', 'body/earlyEntryMinutes']));
  });

  it('refuses an end before the stored start, naming endsAt, and changes nothing', async () => {
    const event = await newEvent();
    const res = await call('PATCH', `/v1/events/${event.id}`, { name: 'Never stored', endsAt: '2026-12-05T21:00:00Z' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: '/endsAt', message: 'must be after startsAt' }]);
    const [row] = await h.db.sql`select name from events where id = ${event.id}`;
    expect(row!.name).toBe('Edit night');
  });

  it('moves a table on the floor plan and refuses a number another table has, naming the field', async () => {
    const event = await newEvent();
    const a = (await call('POST', `/v1/events/${event.id}/tables`, { number: '1', capacity: 6 })).body as { id: string };
    await call('POST', `/v1/events/${event.id}/tables`, { number: '2', capacity: 6 });
    const moved = await call('PATCH', `/v1/tables/${a.id}`, { x: 42.5, y: 10, width: 14, height: 9, depositCents: 20_000, minSpendCents: 50_000, tier: 'Gold' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ number: '1', x: 42.5, y: 10, width: 14, height: 9, depositCents: 20_000, minSpendCents: 50_000, tier: 'Gold', capacity: 6 });
    const clash = await call('PATCH', `/v1/tables/${a.id}`, { number: '2' });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ field: '/number', message: 'is taken by another table of this event' }]);
    const outside = await call('PATCH', `/v1/tables/${a.id}`, { x: 101 });
    expect(outside.status).toBe(400);
    expect(new Set(outside.body.errors!.map((e) => e.field))).toEqual(new Set(['body/x']));
    const [row] = await h.db.sql`select number, x from vip_tables where id = ${a.id}`;
    expect(row).toEqual({ number: '1', x: 42.5 });
  });

  it('edits a pending booking\'s guests, and refuses a guest count once passes are issued', async () => {
    const event = await newEvent();
    const table = (await call('POST', `/v1/events/${event.id}/tables`, { number: '7', capacity: 4 })).body as { id: string };
    const booking = (await call('POST', `/v1/events/${event.id}/reservations`, { tableId: table.id, hostName: 'Ana', guestCount: 2 })).body as { id: string };
    const edited = await call('PATCH', `/v1/reservations/${booking.id}`, { hostName: 'Ana María', guestCount: 3, hostPhone: '+34 600 000 000' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ hostName: 'Ana María', guestCount: 3, hostPhone: '+34 600 000 000', status: 'pending' });
    const tooMany = await call('PATCH', `/v1/reservations/${booking.id}`, { guestCount: 5 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ field: '/guestCount', message: 'must be at most 4' }]);

    const confirmed = await call('POST', `/v1/reservations/${booking.id}/confirm`, undefined);
    expect((confirmed.body.passes as unknown[]).length).toBe(3);
    const late = await call('PATCH', `/v1/reservations/${booking.id}`, { guestCount: 4 });
    expect(late.status).toBe(409);
    expect(late.body.errors![0]!.field).toBe('/guestCount');
    const renamed = await call('PATCH', `/v1/reservations/${booking.id}`, { hostName: 'Ana M.' });
    expect(renamed.body).toMatchObject({ hostName: 'Ana M.', guestCount: 3, status: 'confirmed' });
  });

  it('edits a ticket type, and keeps inventory at or above what is sold', async () => {
    const event = await newEvent();
    const type = (await call('POST', `/v1/events/${event.id}/ticket-types`, { name: 'General', priceCents: 1500, inventory: 10 })).body as { id: string };
    await call('POST', `/v1/events/${event.id}/orders`, { buyerName: 'B', buyerEmail: 'b@example.com', lines: [{ ticketTypeId: type.id, quantity: 3 }], paid: true });
    const edited = await call('PATCH', `/v1/ticket-types/${type.id}`, { priceCents: 2000, reentry: 'after_exit', validUntil: '2026-12-06T04:00:00Z' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ priceCents: 2000, reentry: 'after_exit', validUntil: '2026-12-06T04:00:00.000Z', sold: 3, inventory: 10 });
    const below = await call('PATCH', `/v1/ticket-types/${type.id}`, { inventory: 2 });
    expect(below.status).toBe(400);
    expect(below.body.errors).toEqual([{ field: '/inventory', message: 'must not be below the tickets already sold' }]);
    const unlimited = await call('PATCH', `/v1/ticket-types/${type.id}`, { inventory: null });
    expect(unlimited.body).toMatchObject({ inventory: null });
  });

  it('lets only event managers edit, and hides another venue\'s things (404)', async () => {
    const [table] = await h.db.sql<{ id: string }[]>`select id from vip_tables where event_id = ${VIP_TEST.eventId} limit 1`;
    expect((await call('PATCH', `/v1/tables/${table!.id}`, { x: 5 }, h.tokens.door)).status).toBe(403);
    expect((await call('PATCH', `/v1/events/${VIP_TEST.eventId}`, { name: 'x' }, h.tokens.promoter)).status).toBe(403);
    expect((await call('PATCH', '/v1/tables/00000000-0000-4000-8000-000000000000', { x: 5 })).status).toBe(404);
    expect((await call('PATCH', '/v1/ticket-types/00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });
});
