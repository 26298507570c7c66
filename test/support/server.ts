import type { AddressInfo } from 'node:net';
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
