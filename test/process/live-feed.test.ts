import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

let db: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  a = await startServerProcess(db.url, { MAGUEY_DEMO: '1' });
  b = await startServerProcess(db.url);
});

afterAll(async () => {
  for (const server of [a, b]) {
    server?.process.kill('SIGTERM');
    await server?.exited;
  }
  await db.drop();
});

const banner = (name: 'owner' | 'door') => new RegExp(`${name}@maguey.local / (\\S+)`).exec(a.output())![1]!;
const deviceToken = () => /device token \(Door A iPad\): (\S+)/.exec(a.output())![1]!;

async function login(server: ServerProcess): Promise<string> {
  const res = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@maguey.local', password: banner('owner') }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Reads server-sent events until one satisfies `wanted`, or fails after `ms`. */
async function waitForEvent(body: ReadableStream<Uint8Array>, wanted: (type: string, data: unknown) => boolean, ms: number) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = setTimeout(() => void reader.cancel(), ms);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('no such event before the deadline');
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data && wanted(type, JSON.parse(data))) return JSON.parse(data) as unknown;
      }
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => {});
  }
}

describe('the live feed across two server processes', () => {
  it('shows on server B a scan made through server A', async () => {
    const token = await login(b);
    const controller = new AbortController();
    const live = await fetch(`${b.url}/v1/events/${VIP_TEST.eventId}/live`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toBe('text/event-stream');
    // the stream opens with the current stats
    await waitForEvent(live.body!, (type) => type === 'stats', 5_000);
    const live2 = await fetch(`${b.url}/v1/events/${VIP_TEST.eventId}/live`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });

    const scan = await fetch(`${a.url}/v1/scans`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken()}` },
      body: JSON.stringify({ code: VIP_TEST.passCodes[4], nonce: 'live-test-1' }),
    });
    const { scanId } = (await scan.json()) as { scanId: string };
    const seen = await waitForEvent(live2.body!, (type, data) => type === 'scan' && (data as { scanId: string }).scanId === scanId, 5_000);
    expect(seen).toMatchObject({ scanId, decision: 'admit', entryType: 'first_entry', gate: 'A', deviceName: 'Door A iPad' });
    controller.abort();
  });
});
