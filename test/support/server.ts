import type { AddressInfo } from 'node:net';
import type { Sql } from '../../src/db/connect.js';
import { createAppHarness } from './app.js';

export interface TestServer {
  url: string;
  sql: Sql;
  ownerToken: string;
  ownerEmail: string;
  ownerPassword: string;
  doorEmail: string;
  doorPassword: string;
  deviceToken: string;
  close(): Promise<void>;
}

/**
 * The whole service listening on a free port, on a fresh database with the
 * demo data, serving the built web app (dist/web: `npm run build:web`).
 */
export async function startTestServer(): Promise<TestServer> {
  const harness = await createAppHarness();
  await harness.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = harness.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sql: harness.db.sql,
    ownerToken: harness.tokens.owner,
    ownerEmail: harness.demo.owner.email,
    ownerPassword: harness.demo.owner.password,
    doorEmail: harness.demo.door.email,
    doorPassword: harness.demo.door.password,
    deviceToken: harness.demo.deviceToken,
    close: harness.close,
  };
}
