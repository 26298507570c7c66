import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { connect, type Sql } from '../../src/db/connect.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';
import { SseReader } from '../support/sse.js';

const h = useApp();
let base: string;
let admin: Sql;
let databaseName: string;

beforeAll(async () => {
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  // On another database: PostgreSQL will not close the database a session is in.
  admin = connect(inject('adminUrl'), { max: 1 });
  databaseName = new URL(h.db.url).pathname.slice(1);
});

afterAll(async () => {
  await admin.end();
});

const feed = async (headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}/v1/events/${VIP_TEST.eventId}/live`, { headers: { ...h.auth(h.tokens.owner), ...headers } });
  expect(response.status).toBe(200);
  const reader = new SseReader(response.body!);
  expect((await reader.next()).type).toBe('stats');
  return reader;
};

async function scan(): Promise<string> {
  const response = await h.app.inject({
    method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device),
    payload: { code: VIP_TEST.passCodes[1], nonce: nonce() },
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ scanId: string }>().scanId;
}

describe('the live feed replays from the scan log', () => {
  it('delivers scans committed while its listener was disconnected, once it is back', async () => {
    const reader = await feed();
    // Every pool connection open, so scans still commit while new connections are refused.
    await Promise.all(Array.from({ length: 8 }, () => h.db.sql`select pg_sleep(0.05)`));
    await admin.unsafe(`alter database "${databaseName}" with allow_connections false`);
    const cut = await admin`
      select pg_terminate_backend(pid) from pg_stat_activity
       where datname = ${databaseName} and query ilike 'listen%'`;
    expect(cut).toHaveLength(1);

    const missed = [await scan(), await scan(), await scan()];
    await h.app.deps.hub.flushNow(); // their notifications are gone: nobody listened
    await admin.unsafe(`alter database "${databaseName}" with allow_connections true`);

    const received = [(await reader.nextScan()).data.scanId, (await reader.nextScan()).data.scanId, (await reader.nextScan()).data.scanId];
    expect(received).toEqual(missed);
    await reader.close();
  });

  it('sends a client that reconnects with Last-Event-ID exactly the scans after that one, then the live ones', async () => {
    const first = await feed();
    const seen = await scan();
    const last = await first.nextScan();
    expect(last.data.scanId).toBe(seen);
    expect(last.id).toMatch(/^[0-9]+_[0-9a-f-]{36}$/);
    await first.close();

    const missed = [await scan(), await scan()];
    const again = await feed({ 'last-event-id': last.id! });
    const replayed = [await again.nextScan(), await again.nextScan()];
    expect(replayed.map((e) => e.data.scanId)).toEqual(missed);
    const live = await scan();
    expect((await again.nextScan()).data.scanId).toBe(live);
    await again.close();
  });

  it('refuses a Last-Event-ID it did not issue with a 400 naming the header', async () => {
    const response = await h.app.inject({
      method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/live`, headers: { ...h.auth(h.tokens.owner), 'last-event-id': 'yesterday' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('headers/last-event-id');
  });
});
