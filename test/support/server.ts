import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config.js';
import type { Sql } from '../../src/db/connect.js';
import { listTicketTypes, placeOrder } from '../../src/db/orders.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { createAppHarness } from './app.js';
import { testIssuer } from './fixtures.js';

export interface TestServer {
  url: string;
  sql: Sql;
  ownerToken: string;
  ownerEmail: string;
  ownerPassword: string;
  doorEmail: string;
  doorPassword: string;
  deviceToken: string;
  /** A paid GA ticket of tonight's demo event whose type allows one entry only. */
  createSingleEntryTicket(): Promise<{ id: string; code: string }>;
  close(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The whole service listening on a free port, on a fresh database with the
 * demo data, serving the built web app (dist/web: `npm run build:web`).
 * With `publicUrl`, MAGUEY_PUBLIC_URL is http://127.0.0.1:<port> and `url`
 * is http://localhost:<port>: the same server under two names, so a test can
 * tell which one an enrolment link was built from. `config` overrides the
 * tests' configuration (an SMTP server, say).
 */
export async function startTestServer(options: { publicUrl?: boolean; config?: Partial<Config> } = {}): Promise<TestServer & { publicUrl: string | null }> {
  const port = options.publicUrl ? await freePort() : 0;
  const publicUrl = options.publicUrl ? `http://127.0.0.1:${port}` : null;
  const harness = await createAppHarness({ ...options.config, ...(publicUrl ? { publicUrl } : {}) });
  await harness.app.listen({ port, host: '127.0.0.1' });
  const bound = (harness.app.server.address() as AddressInfo).port;
  return {
    url: `http://${publicUrl ? 'localhost' : '127.0.0.1'}:${bound}`,
    publicUrl,
    sql: harness.db.sql,
    ownerToken: harness.tokens.owner,
    ownerEmail: harness.demo.owner.email,
    ownerPassword: harness.demo.owner.password,
    doorEmail: harness.demo.door.email,
    doorPassword: harness.demo.door.password,
    deviceToken: harness.demo.deviceToken,
    async createSingleEntryTicket() {
      const [type] = await listTicketTypes(harness.db.sql, { venueId: VIP_TEST.venueId, eventId: VIP_TEST.eventId });
      const order = await placeOrder(harness.db.sql, testIssuer, {
        venueId: VIP_TEST.venueId, eventId: VIP_TEST.eventId, buyerName: 'Browser Test', buyerEmail: 'browser@example.com',
        lines: [{ ticketTypeId: type!.id, quantity: 1 }], paid: true, createdBy: null,
      });
      return order.tickets[0]!;
    },
    close: harness.close,
  };
}

/** A test server and a browser for a whole test file, closed after it (`launch` starts the browser). */
export function useServerAndBrowser<B extends { close(): Promise<void> }>(launch: () => Promise<B>): { server: TestServer; browser: B } {
  const held = {} as { server: TestServer; browser: B };
  beforeAll(async () => {
    held.server = await startTestServer();
    held.browser = await launch();
  });
  afterAll(async () => {
    await held.browser?.close();
    await held.server?.close();
  });
  return held;
}
