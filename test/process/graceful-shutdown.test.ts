import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

let db: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  // A quarter of the codes below are unknown: the per-scanner limit on those would stop the load early.
  server = await startServerProcess(db.url, { MAGUEY_DEMO: '1', MAGUEY_FAILED_SCANS_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  server.process.kill('SIGKILL');
  await db.drop();
});

describe('a server told to stop (SIGTERM) under load', () => {
  it('finishes what it acknowledged: every 200 has its log row, and nothing else was written', async () => {
    const token = /device token \(Door A iPad\): (\S+)/.exec(server.output())![1]!;
    const codes = (await db.sql<{ code: string }[]>`select code from guest_passes`).map((r) => r.code);
    const acknowledged: { nonce: string; scanId: string }[] = [];
    const dispatcher = new Agent({ connections: 16 });
    let sent = 0;
    let stopping = false;

    const client = async (n: number) => {
      for (let i = 0; ; i++) {
        const nonce = `shutdown-${n}-${i}`;
        const code = i % 4 === 0 ? `UNKNOWN-${nonce}` : codes[(n * 31 + i) % codes.length]!;
        sent++;
        try {
          const res = await request(`${server.url}/v1/scans`, {
            method: 'POST', dispatcher, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ code, nonce }),
          });
          const body = (await res.body.json()) as { scanId?: string };
          if (res.statusCode === 200) acknowledged.push({ nonce, scanId: body.scanId! });
          else if (stopping) return; // 503 while closing
        } catch {
          if (stopping) return; // connection refused or reset: the server is gone
        }
        if (acknowledged.length >= 300 && !stopping) {
          stopping = true;
          server.process.kill('SIGTERM');
        }
        if (i > 5_000) return;
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, n) => client(n)));
    expect(await server.exited, server.output()).toBe(0);
    await dispatcher.close();

    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    const rows = await db.sql<{ id: string; nonce: string }[]>`select id, nonce from scan_log where nonce like 'shutdown-%'`;
    const logged = new Map(rows.map((r) => [r.nonce, r.id]));
    for (const { nonce, scanId } of acknowledged) expect(logged.get(nonce)).toBe(scanId);
    expect(rows.length).toBe(acknowledged.length);
    expect(sent).toBeGreaterThan(acknowledged.length);
  });
});
