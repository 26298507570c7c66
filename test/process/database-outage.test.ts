import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo, type DemoCredentials } from '../../src/db/seed-demo.js';
import { buildApp } from '../../src/http/app.js';
import { testConfig } from '../support/app.js';
import { freePort } from '../support/server-process.js';
import { nonce, testIssuer } from '../support/fixtures.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';

// A PostgreSQL of the test's own, so it can be stopped under a running server.
const root = mkdtempSync(path.join(tmpdir(), 'maguey-outage-'));
chmodSync(root, 0o755);
const dataDir = path.join(root, 'pg');
let port: number;
let pg: EmbeddedPostgres;
let sql: Sql;
let app: Awaited<ReturnType<typeof buildApp>>;
let demo: DemoCredentials;

beforeAll(async () => {
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir, port });
  sql = connect(pg.url, { max: 4 });
  await migrate(sql);
  demo = await seedDemo(sql, testIssuer);
  app = await buildApp({ sql, config: testConfig() });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await sql.end({ timeout: 5 });
  await pg.stop();
  rmSync(root, { recursive: true, force: true });
});

const scan = () => app.inject({
  method: 'POST', url: '/v1/scans', headers: { authorization: `Bearer ${demo.deviceToken}` },
  payload: { code: VIP_TEST.passCodes[2], nonce: nonce() },
});

describe('when the database goes away under a running server', () => {
  it('answers 503 with Retry-After, then recovers by itself when it is back', async () => {
    expect((await scan()).statusCode).toBe(200);

    await pg.stop();
    const down = await scan();
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    const stats = await app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/stats`, headers: { authorization: `Bearer ${demo.deviceToken}` } });
    expect(stats.statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    pg = await startEmbeddedPostgres({ dataDir, port });
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) status = (await scan()).statusCode; // waits for the pool to reconnect
    expect(status).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('kept exactly the scans it answered 200 for', async () => {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from scan_log where nonce like 'n-%'`;
    // one before the outage, one after recovery
    expect(row!.n).toBe(2);
  });
});
