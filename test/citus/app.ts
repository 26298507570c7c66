import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { seedVipTest, VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createSession, createStaff } from '../../src/db/staff.js';
import { testConfig, type TestApp } from '../support/app.js';
import { useCitus, type CitusDatabase } from './support.js';

export interface CitusApp {
  db: CitusDatabase;
  app: TestApp;
  /** The listening app's address. */
  base: string;
  /** A session of an owner of the seed's venue. */
  ownerToken: string;
  /** A request on the real socket: status and JSON body. */
  call(path: string, token: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** The app on the Citus coordinator, listening, with the seed fixture and an owner of its venue. */
export function useCitusApp(): CitusApp {
  const db = useCitus();
  const h = { db } as CitusApp;
  beforeAll(async () => {
    await seedVipTest(db.sql);
    h.app = await buildApp({ sql: db.sql, config: testConfig() });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    h.base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const owner = await createStaff(db.sql, {
      venueId: VIP_TEST.venueId, email: `owner-${randomBytes(4).toString('hex')}@citus.test`, name: 'Citus Owner', role: 'owner', password: 'citus-owner-password',
    });
    h.ownerToken = await createSession(db.sql, owner.id);
    h.call = async (path, token, init = {}) => {
      const res = await fetch(h.base + path, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
  });
  afterAll(() => h.app?.close());
  return h;
}
