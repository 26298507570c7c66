import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReservation, transitionReservation } from '../../src/db/reservations.js';
import { createTable } from '../../src/db/events.js';
import { makeNight, testIssuer } from '../support/fixtures.js';
import { hostileBody, hostileNumber, hostileText, hostileTimestamp } from '../support/hostile.js';
import { deliver, useMoneyApp } from '../support/money.js';
import { bookTable, tableNight } from '../support/tables.js';

const { h, stripe } = useMoneyApp();

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\uD800y';
const LEAP_SECOND = '2026-12-31T23:59:60Z';

async function answer(request: { method: 'POST'; url: string; payload?: unknown; headers?: Record<string, string> }) {
  const res = await h.app.inject(request as never);
  expect(res.statusCode, res.body).toBeLessThan(500);
  return { status: res.statusCode, fields: ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field) };
}
const count = async (table: 'vip_reservations' | 'ledger_entries', eventId: string) =>
  (await h.db.sql<{ n: number }[]>`select count(*)::int as n from ${h.db.sql(table)} where event_id = ${eventId}`)[0]!.n;

/** A confirmed table of tonight, its deposit paid. */
async function seatedTable() {
  const { eventId, tableId } = await tableNight(h);
  const b = await bookTable(h, eventId, tableId);
  stripe.fake.pay(b.sessionId);
  await deliver(h, stripe, stripe.last('checkout.session.completed', b.sessionId));
  return { eventId, id: b.reservationId };
}

describe('hostile input on the table-booking and spend routes', () => {
  it('a public booking with NUL, lone surrogates, huge numbers or a leap second is a 400 naming the field, and holds no table', async () => {
    const { eventId, tableId } = await tableNight(h);
    const url = `/v1/public/events/${eventId}/table-bookings`;
    const ok = { tableId, hostName: 'Ana', hostEmail: 'ana@example.com', guestCount: 2 };
    expect(await answer({ method: 'POST', url, payload: { ...ok, hostName: NUL } })).toEqual({ status: 400, fields: ['body/hostName'] });
    expect(await answer({ method: 'POST', url, payload: { ...ok, hostName: LONE_SURROGATE } })).toEqual({ status: 400, fields: ['body/hostName'] });
    expect((await answer({ method: 'POST', url, payload: { ...ok, hostPhone: `555${NUL}` } })).fields).toEqual(['body/hostPhone']);
    expect((await answer({ method: 'POST', url, payload: { ...ok, guestCount: 2 ** 31 } })).fields).toEqual(['body/guestCount']);
    expect((await answer({ method: 'POST', url, payload: { ...ok, guestCount: 1e300 } })).fields).toEqual(['body/guestCount']);
    expect((await answer({ method: 'POST', url, payload: { ...ok, promoter: LONE_SURROGATE } })).fields).toEqual(['body/promoter']);
    expect((await answer({ method: 'POST', url, payload: { ...ok, holdUntil: LEAP_SECOND } })).status).toBe(400);
    expect((await answer({ method: 'POST', url, payload: { ...ok, tableId: 'x' } })).fields).toEqual(['body/tableId']);
    expect((await answer({ method: 'POST', url: '/v1/public/events/not-a-uuid/table-bookings', payload: ok })).status).toBe(400);
    expect(await count('vip_reservations', eventId)).toBe(0);
  });

  it('the public tables of a hostile event id are a 400 (never a 5xx), of an unknown or draft event a 404', async () => {
    for (const id of ['not-a-uuid', '%00', '%ED%A0%80', '1e308']) { // %ED%A0%80: a lone surrogate, UTF-8 encoded
      const res = await h.app.inject({ method: 'GET', url: `/v1/public/events/${id}/tables` });
      expect(res.statusCode, id).toBe(400);
    }
    expect((await h.app.inject({ method: 'GET', url: '/v1/public/events/00000000-0000-4000-8000-000000000000/tables' })).statusCode).toBe(404);
    const { eventId, tableId } = await tableNight(h);
    const listed = (await h.app.inject({ method: 'GET', url: `/v1/public/events/${eventId}/tables` })).json() as { items: { id: string; available: boolean }[] };
    expect(listed.items).toEqual([expect.objectContaining({ id: tableId, available: true, depositCents: 5_000 })]);
  });

  it('another venue\'s table or event is a 404 to the public and to staff; its bookings cannot take spend from us', async () => {
    const other = await makeNight(h.db.sql, { reservations: 0, guests: 1 });
    const table = await createTable(h.db.sql, { venueId: other.venueId, eventId: other.eventId, number: 'X1', capacity: 4, depositCents: 1_000 });
    const ok = { tableId: table.id, hostName: 'Ana', hostEmail: 'ana@example.com', guestCount: 2 };
    const { eventId } = await tableNight(h);
    expect((await answer({ method: 'POST', url: `/v1/public/events/${eventId}/table-bookings`, payload: ok })).status).toBe(404);
    expect((await answer({ method: 'POST', url: `/v1/events/${other.eventId}/table-bookings`, payload: ok, headers: h.auth(h.tokens.owner) })).status).toBe(404);
    const theirs = await createReservation(h.db.sql, { venueId: other.venueId, eventId: other.eventId, tableId: table.id, hostName: 'T', guestCount: 1 });
    await transitionReservation(h.db.sql, other.venueId, theirs.id, 'confirmed', testIssuer);
    expect((await answer({ method: 'POST', url: `/v1/reservations/${theirs.id}/spend`, payload: { amountCents: 100, ref: 'r' }, headers: h.auth(h.tokens.owner) })).status).toBe(404);
    expect(await count('ledger_entries', other.eventId)).toBe(0);
  });

  it('spend with a hostile amount or ref is a 400 naming the field, and books nothing', async () => {
    const { eventId, id } = await seatedTable();
    const url = `/v1/reservations/${id}/spend`;
    const headers = h.auth(h.tokens.manager);
    const before = await count('ledger_entries', eventId);
    for (const [payload, field] of [
      [{ amountCents: 1e300, ref: 'a' }, 'body/amountCents'], [{ amountCents: -5, ref: 'a' }, 'body/amountCents'],
      [{ amountCents: 0, ref: 'a' }, 'body/amountCents'], [{ amountCents: 2 ** 53, ref: 'a' }, 'body/amountCents'],
      [{ amountCents: 10.5, ref: 'a' }, 'body/amountCents'], [{ amountCents: 100, ref: NUL }, 'body/ref'],
      [{ amountCents: 100, ref: LONE_SURROGATE }, 'body/ref'], [{ amountCents: 100, ref: '' }, 'body/ref'],
      [{ amountCents: 100, ref: 'a', note: NUL }, 'body/note'],
    ] as const) {
      expect(await answer({ method: 'POST', url, payload, headers }), JSON.stringify(payload)).toEqual({ status: 400, fields: [field] });
    }
    expect(await count('ledger_entries', eventId)).toBe(before);
  });

  it('never answers a 5xx to any body a fuzzer sends to the three routes', async () => {
    const { eventId, id } = await seatedTable();
    const free = await tableNight(h);
    const bodies = hostileBody({
      tableId: fc.oneof(fc.constant(free.tableId), fc.uuid(), hostileText(40)), hostName: hostileText(), hostEmail: hostileText(80),
      hostPhone: hostileText(50), guestCount: hostileNumber, promoter: hostileText(120), locale: hostileText(5),
      amountCents: hostileNumber, ref: hostileText(120), note: hostileText(), at: hostileTimestamp,
    });
    await fc.assert(fc.asyncProperty(bodies, async (payload) => {
      for (const request of [
        { method: 'POST' as const, url: `/v1/public/events/${free.eventId}/table-bookings`, payload },
        { method: 'POST' as const, url: `/v1/events/${eventId}/table-bookings`, payload, headers: h.auth(h.tokens.manager) },
        { method: 'POST' as const, url: `/v1/reservations/${id}/spend`, payload, headers: h.auth(h.tokens.manager) },
      ]) await answer(request);
      // A booking the fuzzer happened to make frees the table for the next run.
      await h.db.sql`update vip_reservations set status = 'cancelled' where event_id in ${h.db.sql([free.eventId, eventId])} and status = 'pending'`;
    }), { numRuns: 60 });
  });
});
