import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevice } from '../../src/db/devices.js';
import { createStaff } from '../../src/db/staff.js';
import { VIP_TEST, seedVipTest } from '../../src/db/seed-vip-test.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { nonce } from '../support/fixtures.js';
import { useCitus } from './support.js';

// The live feed on Citus: the scan is decided on a worker (redeem_scan is
// delegated there), the server that made it announces it on the coordinator
// after commit (src/live/hub.ts), and another server's listener gets it.
const db = useCitus();
let a: ServerProcess;
let b: ServerProcess;
const email = `live-${randomBytes(4).toString('hex')}@citus.test`;
const password = 'citus-live-password';
let deviceToken: string;

beforeAll(async () => {
  await seedVipTest(db.sql);
  await createStaff(db.sql, { venueId: VIP_TEST.venueId, email, name: 'Live Owner', role: 'owner', password });
  deviceToken = (await createDevice(db.sql, { venueId: VIP_TEST.venueId, name: 'Citus live door', gate: 'L', eventId: null })).token;
  [a, b] = await Promise.all([startServerProcess(db.url), startServerProcess(db.url)]);
});

afterAll(async () => {
  for (const server of [a, b]) {
    server?.process.kill('SIGTERM');
    await server?.exited;
  }
});

/** Reads server-sent events until one satisfies `wanted`; fails when the stream ends first. */
async function waitForEvent(body: ReadableStream<Uint8Array>, wanted: (type: string, data: unknown) => boolean) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended before the event');
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
    reader.releaseLock();
  }
}

describe('the live feed on Citus, across two server processes', () => {
  it('shows on server B a scan made through server A', async () => {
    const login = await fetch(`${b.url}/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    const { token } = (await login.json()) as { token: string };
    const controller = new AbortController();
    const live = await fetch(`${b.url}/v1/events/${VIP_TEST.eventId}/live`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(live.status).toBe(200);
    await waitForEvent(live.body!, (type) => type === 'stats'); // subscribed once the opening stats arrive

    const scan = await fetch(`${a.url}/v1/scans`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({ code: VIP_TEST.passCodes[6], nonce: nonce(), direction: 'entry' }),
    });
    const { scanId, decision } = (await scan.json()) as { scanId: string; decision: string };
    expect(decision).toBe('admit');
    const seen = await waitForEvent(live.body!, (type, data) => type === 'scan' && (data as { scanId: string }).scanId === scanId);
    expect(seen).toMatchObject({ scanId, decision: 'admit', gate: 'L', deviceName: 'Citus live door' });
    controller.abort();
  });
});
