import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { gaClient } from '../support/ga.js';

const h = useApp();
const ga = gaClient(h);

type Problem = { status: number; detail: string; errors?: { field: string; message: string }[] };

/** Sends a request and expects a 400 problem that names `field`. */
async function expect400(request: { method: 'GET' | 'POST'; url: string; payload?: object; token?: string }, field: string) {
  const res = await h.app.inject({
    method: request.method, url: request.url, ...(request.payload ? { payload: request.payload } : {}),
    headers: request.token === '' ? {} : h.auth(request.token ?? h.tokens.owner),
  });
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Problem;
  expect(body.errors?.map((e) => e.field)).toContain(field);
  return body;
}

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\uD800y';
const LEAP_SECOND = '2026-12-31T23:59:60Z';

describe('hostile text', () => {
  it('is a 400 naming the field at the unauthenticated log-in, for NUL and for a lone surrogate', async () => {
    await expect400({ method: 'POST', url: '/v1/auth/login', payload: { email: NUL, password: 'whatever-123' }, token: '' }, 'body/email');
    await expect400({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@b.c', password: LONE_SURROGATE }, token: '' }, 'body/password');
  });

  it('is a 400 naming the field in a scan code, nonce and gate', async () => {
    await expect400({ method: 'POST', url: '/v1/scans', payload: { code: NUL, nonce: nonce() }, token: h.tokens.device }, 'body/code');
    await expect400({ method: 'POST', url: '/v1/scans', payload: { code: 'ABCDEFGH', nonce: `\uDC00${nonce()}` }, token: h.tokens.device }, 'body/nonce');
    await expect400({ method: 'POST', url: '/v1/scans', payload: { code: 'ABCDEFGH', nonce: nonce(), gate: NUL }, token: h.tokens.door }, 'body/gate');
  });

  it('is a 400 naming the field in names, e-mails, phones and table numbers', async () => {
    const tables = (await h.app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/tables`, headers: h.auth(h.tokens.owner) })).json() as { items: { id: string }[] };
    const reservation = { tableId: tables.items[0]!.id, hostName: 'Ana', guestCount: 1 };
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/reservations`, payload: { ...reservation, hostName: NUL } }, 'body/hostName');
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/reservations`, payload: { ...reservation, hostPhone: `555${NUL}` } }, 'body/hostPhone');
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/tables`, payload: { number: LONE_SURROGATE, capacity: 4 } }, 'body/number');
    await expect400({ method: 'POST', url: '/v1/events', payload: { name: NUL, startsAt: '2026-12-31T22:00:00Z', endsAt: '2027-01-01T04:00:00Z' } }, 'body/name');
    await expect400({ method: 'POST', url: '/v1/devices', payload: { name: NUL, gate: 'A' } }, 'body/name');
    await expect400({ method: 'POST', url: '/v1/staff', payload: { email: 'new@x.org', name: NUL, role: 'door', password: 'a-long-password-1' } }, 'body/name');
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/guest-lists`, payload: { name: LONE_SURROGATE } }, 'body/name');
    const list = await h.app.inject({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/guest-lists`, headers: h.auth(h.tokens.owner), payload: { name: 'Hostile' } });
    await expect400({ method: 'POST', url: `/v1/guest-lists/${(list.json() as { id: string }).id}/guests`, payload: { name: NUL } }, 'body/name');
    await expect400({ method: 'POST', url: `/v1/guest-lists/${(list.json() as { id: string }).id}/guests`, payload: { name: 'Ana', plusOnes: 2 ** 31 } }, 'body/plusOnes');
  });
});

describe('hostile timestamps', () => {
  it('refuses a leap second in events, ticket-type windows, scannedAt and ?since=', async () => {
    await expect400({ method: 'POST', url: '/v1/events', payload: { name: 'NYE', startsAt: LEAP_SECOND, endsAt: '2027-01-01T04:00:00Z' } }, 'body/startsAt');
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/ticket-types`, payload: { name: 'GA', priceCents: 1, validFrom: LEAP_SECOND } }, 'body/validFrom');
    await expect400({ method: 'POST', url: '/v1/scans', payload: { code: 'ABCDEFGH', nonce: nonce(), scannedAt: LEAP_SECOND }, token: h.tokens.device }, 'body/scannedAt');
    await expect400({ method: 'GET', url: `/v1/scans?since=${encodeURIComponent(LEAP_SECOND)}` }, 'querystring/since');
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/guest-lists`, payload: { name: 'L', admitUntil: LEAP_SECOND } }, 'body/admitUntil');
  });

  it('refuses dates PostgreSQL cannot hold, in bodies, ?since= and cursors', async () => {
    await expect400({ method: 'GET', url: `/v1/scans?since=${encodeURIComponent('9999-12-31T23:59:59-23:59')}` }, 'querystring/since');
    await expect400({ method: 'GET', url: `/v1/scans?since=${encodeURIComponent('0001-01-01T00:00:00+01:00')}` }, 'querystring/since');
    await expect400({ method: 'POST', url: '/v1/events', payload: { name: 'Far', startsAt: '2026-01-01T00:00:00Z', endsAt: '9999-12-31T23:59:59-23:59' } }, 'body/endsAt');
    const cursor = Buffer.from(JSON.stringify([8.64e15, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const res = await h.app.inject({ method: 'GET', url: `/v1/scans?cursor=${cursor}`, headers: h.auth(h.tokens.owner) });
    expect(res.statusCode).toBe(400);
    const far = Buffer.from(JSON.stringify(['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect((await h.app.inject({ method: 'GET', url: `/v1/events?cursor=${far}`, headers: h.auth(h.tokens.owner) })).statusCode).toBe(400);
  });

  it('still takes the earliest and latest instants it promises', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/scans?since=${encodeURIComponent('9999-12-31T23:59:59Z')}`, headers: h.auth(h.tokens.owner) });
    expect(res.statusCode).toBe(200);
    const early = await h.app.inject({ method: 'GET', url: `/v1/scans?since=${encodeURIComponent('0001-01-01T00:00:00Z')}`, headers: h.auth(h.tokens.owner) });
    expect(early.statusCode).toBe(200);
  });
});

describe('hostile numbers', () => {
  it('stores a table position of 1e-50 (float underflow) and refuses 1e308', async () => {
    const made = await h.app.inject({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/tables`, headers: h.auth(h.tokens.owner), payload: { number: 'U1', capacity: 2, x: 1e-50, y: 5e-324 } });
    expect(made.statusCode, made.body).toBe(201);
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/tables`, payload: { number: 'U2', capacity: 2, x: 1e308 } }, 'body/x');
  });

  it('refuses integers past the column range', async () => {
    await expect400({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/ticket-types`, payload: { name: 'GA', priceCents: 2 ** 31 } }, 'body/priceCents');
    await expect400({ method: 'POST', url: '/v1/events', payload: { name: 'Big', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z', capacity: 2 ** 53 } }, 'body/capacity');
  });

  it('sells an order whose total is past the 32-bit integer range (money totals are bigint)', async () => {
    const eventId = await ga.event();
    const lines = [];
    for (let i = 0; i < 3; i++) lines.push({ ticketTypeId: await ga.ticketType(eventId, { priceCents: 10_000_000, feeCents: 10_000_000 }), quantity: 50 });
    const res = await h.app.inject({ method: 'POST', url: `/v1/events/${eventId}/orders`, headers: h.auth(h.tokens.owner), payload: { buyerName: 'Whale', buyerEmail: 'w@example.com', lines, paid: true } });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { totalCents: number }).totalCents).toBe(150 * 20_000_000);
  });
});

describe('a problem never echoes stored data', () => {
  it('names the broken rule, not the row ("Failing row contains …")', async () => {
    // Two tables with one number: the unique key (event_id, number) refuses the second.
    await h.app.inject({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/tables`, headers: h.auth(h.tokens.owner), payload: { number: 'DUP', capacity: 2, tier: 'Secret Tier Name' } });
    const res = await h.app.inject({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/tables`, headers: h.auth(h.tokens.owner), payload: { number: 'DUP', capacity: 2 } });
    expect(res.statusCode).toBe(409);
    expect(res.body).not.toMatch(/Failing row|Key \(|DUP|Secret Tier/);
  });
});
