import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createVenue } from '../../src/db/events.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createSession, createStaff } from '../../src/db/staff.js';
import { buildApp } from '../../src/http/app.js';
import { runHousekeeping } from '../../src/jobs/housekeeping.js';
import { testConfig, useApp } from '../support/app.js';

const h = useApp({ loginAttemptsPerMinute: 100, loginAttemptsPerAccountPerMinute: 3 });

let counter = 0;
/** A fresh member of the demo venue and a session of theirs. */
async function member(role: 'manager' | 'door' | 'promoter' = 'door') {
  const email = `member-${++counter}-${Date.now()}@maguey.local`;
  const staff = await createStaff(h.db.sql, { venueId: VIP_TEST.venueId, email, name: `Member ${counter}`, role, password: 'a-member-password-1' });
  return { id: staff.id, email, token: await createSession(h.db.sql, staff.id) };
}
const me = (token: string) => h.app.inject({ method: 'GET', url: '/v1/me', headers: h.auth(token) });

describe('logging out', () => {
  it('answers 204 and the token gets 401 from then on', async () => {
    const m = await member();
    expect((await me(m.token)).statusCode).toBe(200);
    const out = await h.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: h.auth(m.token) });
    expect(out.statusCode).toBe(204);
    expect((await me(m.token)).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: h.auth(m.token) })).statusCode).toBe(401);
  });
});

describe('disabling a member', () => {
  it('(owner) ends every session of theirs at once, and they cannot log in again', async () => {
    const m = await member();
    const second = await createSession(h.db.sql, m.id);
    const res = await h.app.inject({ method: 'POST', url: `/v1/staff/${m.id}/disable`, headers: h.auth(h.tokens.owner) });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { disabledAt: string | null }).disabledAt).not.toBeNull();
    expect((await me(m.token)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    const [sessions] = await h.db.sql`select count(*)::int as n from staff_sessions where staff_id = ${m.id}`;
    expect(sessions!.n).toBe(0);
    const login = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: m.email, password: 'a-member-password-1' }, remoteAddress: '10.0.0.50' });
    expect(login.statusCode).toBe(401);
  });

  it('is for owners only, within their venue, and not of themselves', async () => {
    const m = await member();
    expect((await h.app.inject({ method: 'POST', url: `/v1/staff/${m.id}/disable`, headers: h.auth(h.tokens.manager) })).statusCode).toBe(403);
    const [ownerRow] = await h.db.sql<{ id: string }[]>`select id from staff where email = ${h.demo.owner.email}`;
    expect((await h.app.inject({ method: 'POST', url: `/v1/staff/${ownerRow!.id}/disable`, headers: h.auth(h.tokens.owner) })).statusCode).toBe(409);
    const elsewhere = await createVenue(h.db.sql, { name: 'Other Club' });
    const stranger = await createStaff(h.db.sql, { venueId: elsewhere.id, email: `stranger-${Date.now()}@other.club`, name: 'S', role: 'door', password: 'a-member-password-1' });
    expect((await h.app.inject({ method: 'POST', url: `/v1/staff/${stranger.id}/disable`, headers: h.auth(h.tokens.owner) })).statusCode).toBe(404);
    expect((await me(m.token)).statusCode).toBe(200);
  });
});

describe('a live stream', () => {
  /** Opens /live and resolves with everything it sent once the server ends it; rejects after 5 s. */
  async function openStream(token: string) {
    if (!h.app.server.listening) await h.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/v1/events/${VIP_TEST.eventId}/live`, { headers: h.auth(token) });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const first = await reader.read(); // the initial stats: the stream is open and watched
    text += new TextDecoder().decode(first.value);
    return {
      /** Resolves when the server closes the stream, within 5 s of `cause` running. */
      async endsAfter(cause: () => Promise<unknown>) {
        await cause();
        const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the stream was still open 5 s later')), 5_000));
        const drain = (async () => {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return text;
            text += new TextDecoder().decode(value);
          }
        })();
        return Promise.race([drain, deadline]);
      },
    };
  }

  it('ends within 5 s of its session logging out', async () => {
    const m = await member();
    const stream = await openStream(m.token);
    const text = await stream.endsAfter(() => h.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: h.auth(m.token) }));
    expect(text).toContain('event: end');
  });

  it('ends within 5 s of its member being disabled', async () => {
    const m = await member('manager');
    const stream = await openStream(m.token);
    await stream.endsAfter(() => h.app.inject({ method: 'POST', url: `/v1/staff/${m.id}/disable`, headers: h.auth(h.tokens.owner) }));
  });

  it('ends within 5 s of its session expiring', async () => {
    const m = await member();
    const stream = await openStream(m.token);
    await stream.endsAfter(() => h.db.sql`update staff_sessions set expires_at = now() - interval '1 second' where staff_id = ${m.id}`);
  });
});

describe('log-in limits', () => {
  it('count per account across client addresses and across server processes (kept in PostgreSQL)', async () => {
    const m = await member();
    const other = await buildApp({ sql: h.db.sql, config: testConfig({ loginAttemptsPerMinute: 100, loginAttemptsPerAccountPerMinute: 3 }) });
    await other.ready();
    try {
      const attempt = (app: typeof other, address: string) =>
        app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: m.email.toUpperCase(), password: 'wrong-password-9' }, remoteAddress: address });
      expect((await attempt(h.app, '10.1.0.1')).statusCode).toBe(401);
      expect((await attempt(other, '10.1.0.2')).statusCode).toBe(401);
      expect((await attempt(h.app, '10.1.0.3')).statusCode).toBe(401);
      const limited = await attempt(other, '10.1.0.4');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The right password is refused too while the account is limited: a guesser cannot tell.
      const right = await other.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: m.email, password: 'a-member-password-1' }, remoteAddress: '10.1.0.5' });
      expect(right.statusCode).toBe(429);
      const [row] = await h.db.sql`select count(*)::int as n from login_attempts where key_hash = sha256(convert_to(${`account:${m.email}`}, 'UTF8'))`;
      expect(row!.n).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('log-in limits across a minute boundary', () => {
  it('still count the previous minute (a sliding minute), so a burst is not reset on the minute', async () => {
    const m = await member();
    // A guessing burst in the previous minute: even its last 1/60,000th still weighs more than the limit of 3.
    await h.db.sql`
      insert into login_attempts (key_hash, window_start, attempts)
      values (sha256(convert_to(${`account:${m.email}`}, 'UTF8')), date_trunc('minute', now()) - interval '1 minute', 1000000)`;
    const attempt = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: m.email, password: 'a-member-password-1' }, remoteAddress: '10.2.0.1' });
    expect(attempt.statusCode).toBe(429);
  });
});

describe('creating a member', () => {
  it('refuses a common password of 10 or more characters', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/staff', headers: h.auth(h.tokens.owner), payload: { email: 'weak@maguey.local', name: 'Weak', role: 'door', password: 'Password1234' } });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: { field: string }[] }).errors[0]!.field).toBe('body/password');
    const [row] = await h.db.sql`select count(*)::int as n from staff where email = 'weak@maguey.local'`;
    expect(row!.n).toBe(0);
  });

  it('with an e-mail another venue uses says exactly what a conflict in this venue says', async () => {
    const elsewhere = await createVenue(h.db.sql, { name: 'Secret Rival Club' });
    await createStaff(h.db.sql, { venueId: elsewhere.id, email: 'taken@rival.club', name: 'Rival Owner', role: 'owner', password: 'a-member-password-1' });
    const local = await member();
    const create = (email: string) => h.app.inject({ method: 'POST', url: '/v1/staff', headers: h.auth(h.tokens.owner), payload: { email, name: 'New', role: 'door', password: 'a-fine-password-77' } });
    const there = await create('taken@rival.club');
    const here = await create(local.email);
    expect(there.statusCode).toBe(409);
    expect(there.body).toBe(here.body);
    expect(there.body).not.toMatch(/Rival|rival/);
  });
});

describe('housekeeping', () => {
  it('purges expired sessions and old log-in counts, and keeps live ones', async () => {
    const live = await member();
    const gone = await member();
    await h.db.sql`update staff_sessions set expires_at = now() - interval '1 minute' where staff_id = ${gone.id}`;
    await h.db.sql`insert into login_attempts (key_hash, window_start, attempts) values ('\\x01', now() - interval '1 hour', 3)`;
    const done = await runHousekeeping(h.db.sql);
    expect(done.sessions).toBeGreaterThanOrEqual(1);
    expect(done.loginAttempts).toBeGreaterThanOrEqual(1);
    const [row] = await h.db.sql`
      select (select count(*) from staff_sessions where staff_id = ${gone.id})::int as gone,
             (select count(*) from staff_sessions where staff_id = ${live.id})::int as live,
             (select count(*) from login_attempts where window_start < now() - interval '10 minutes')::int as old`;
    expect(row).toEqual({ gone: 0, live: 1, old: 0 });
  });
});
