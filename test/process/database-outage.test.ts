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

/** Runs a request and measures how long its answer took (reported, not asserted: speed goes in the benchmarks). */
async function timed<T>(request: () => Promise<T>): Promise<{ response: T; ms: number }> {
  const started = performance.now();
  const response = await request();
  return { response, ms: performance.now() - started };
}

const stats = () => app.inject({ method: 'GET', url: `/v1/events/${VIP_TEST.eventId}/stats`, headers: { authorization: `Bearer ${demo.deviceToken}` } });
const ready = () => app.inject({ method: 'GET', url: '/readyz' });

describe('when the database goes away under a running server', () => {
  it('answers every request 503 with Retry-After at once while it is away, then recovers by itself when it is back', async () => {
    expect((await scan()).statusCode).toBe(200);

    await pg.stop();
    // The pool used to hold requests in its reconnect back-off (growing to 20 s
    // a try): twenty requests in a row then outlast the test's timeout.
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await timed([scan, stats, ready][i % 3]!));
    for (const { response } of answers) {
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(answers.map((a) => a.response.json<{ code: string }>().code)).toEqual(Array(20).fill('database_unavailable'));
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    pg = await startEmbeddedPostgres({ dataDir, port });
    const back = performance.now();
    // Polls /readyz at most 20 times, 50 ms apart: ready within about a second.
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await ready()).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    const recoveredMs = performance.now() - back;
    expect(status).toBe(200);
    expect((await scan()).statusCode).toBe(200);
    console.log(`outage: slowest 503 ${Math.max(...answers.map((a) => a.ms)).toFixed(1)} ms, ready ${recoveredMs.toFixed(0)} ms after the database was back`);
  });

  it('kept exactly the scans it answered 200 for', async () => {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from scan_log where nonce like 'n-%'`;
    // one before the outage, one after recovery
    expect(row!.n).toBe(2);
  });
});
