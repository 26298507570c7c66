import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

const h = useApp({ loginAttemptsPerMinute: 3, manualScansPerMinute: 3 });

/** Row counts of everything a request could change. */
async function counts() {
  const [row] = await h.db.sql`
    select (select count(*) from scan_log)::int as scans, (select count(*) from vip_reservations)::int as reservations,
           (select count(*) from guest_passes)::int as passes, (select count(*) from devices)::int as devices,
           (select count(*) from staff)::int as staff, (select count(*) from events)::int as events,
           (select count(*) from orders)::int as orders, (select sum(checked_in_guests) from vip_reservations)::int as guests`;
  return row;
}

const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json() as { status: number; title: string; type: string; detail: string; errors?: { field: string; message: string }[] };
};

describe('bad input', () => {
  it('is a 400 problem naming each bad field, and changes nothing', async () => {
    const before = await counts();
    const res = await h.app.inject({
      method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/reservations`, headers: h.auth(h.tokens.owner),
      payload: { tableId: 'not-a-uuid', guestCount: 0, extra: true },
    });
    expect(res.statusCode).toBe(400);
    const body = problem(res);
    expect(body.status).toBe(400);
    const fields = body.errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body/hostName', 'body/extra']));
    expect(await counts()).toEqual(before);
  });

  it('lists every invalid field of a scan', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { code: '', direction: 'sideways' } });
    expect(res.statusCode).toBe(400);
    const fields = problem(res).errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body/nonce', 'body/code', 'body/direction']));
  });

  it('is a 413 when the body is over 64 KiB', async () => {
    const before = await counts();
    const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: { ...h.auth(h.tokens.device), 'content-type': 'application/json' }, payload: JSON.stringify({ code: 'x'.repeat(70_000), nonce: 'n' }) });
    expect(res.statusCode).toBe(413);
    expect(problem(res).status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('is a 400 for malformed JSON and for a cursor this server did not issue', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: { ...h.auth(h.tokens.device), 'content-type': 'application/json' }, payload: '{"code": "abc", ' });
    expect(res.statusCode).toBe(400);
    problem(res);
    const cursor = await h.app.inject({ method: 'GET', url: '/v1/scans?cursor=garbage', headers: h.auth(h.tokens.owner) });
    expect(cursor.statusCode).toBe(400);
    expect(problem(cursor).type).toMatch(/invalid_cursor$/);
  });

  it('is a 404 problem for an unknown route and for another venue’s or a missing thing', async () => {
    const route = await h.app.inject({ method: 'GET', url: '/v1/nope', headers: h.auth(h.tokens.owner) });
    expect(route.statusCode).toBe(404);
    problem(route);
    const missing = await h.app.inject({ method: 'GET', url: '/v1/reservations/00000000-0000-4000-8000-000000000000', headers: h.auth(h.tokens.owner) });
    expect(missing.statusCode).toBe(404);
    problem(missing);
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After after three log-ins a minute', async () => {
    const attempt = () => h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'owner@maguey.local', password: 'wrong' }, remoteAddress: '10.9.9.9' });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    problem(limited);
  });

  it('limit hand-typed codes per scanner, not camera scans', async () => {
    const before = await counts();
    const scan = (manual: boolean) => h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.door), payload: { code: `TYPED-${nonce()}`, nonce: nonce(), manual } });
    for (let i = 0; i < 3; i++) expect((await scan(true)).statusCode).toBe(200);
    const limited = await scan(true);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect((await scan(false)).statusCode).toBe(200);
    expect((await counts())!.scans).toBe(before!.scans + 8); // the refused one wrote nothing
  });
});
