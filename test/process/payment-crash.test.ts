import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketType } from '../../src/db/orders.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeNight } from '../support/fixtures.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startStripeServer, type StripeServer } from '../support/stripe-server.js';

let db: TestDatabase;
let stripe: StripeServer;
let server: ServerProcess | undefined;

const stripeEnv = () => ({
  STRIPE_SECRET_KEY: stripe.settings.secretKey, STRIPE_WEBHOOK_SECRET: stripe.settings.webhookSecret, STRIPE_API_BASE: stripe.settings.apiBase,
  // Long enough that the delivery is still waiting on the lock when the process is killed.
  MAGUEY_WEBHOOK_LOCK_TIMEOUT_MS: '60000',
});

beforeAll(async () => {
  db = await createTestDatabase();
  stripe = await startStripeServer();
});
afterAll(async () => {
  server?.process.kill('SIGKILL');
  await stripe.close();
  await db.drop();
});

const post = async (url: string, body: string, headers: Record<string, string>) => {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
};

describe('a server killed (SIGKILL) between the provider\'s success and our write', () => {
  it('loses nothing: the provider\'s retried webhook completes the order on the restarted server', async () => {
    const night = await makeNight(db.sql, { reservations: 0, guests: 1 });
    const type = await createTicketType(db.sql, { venueId: night.venueId, eventId: night.eventId, name: 'GA', priceCents: 2_000, feeCents: 300, inventory: 50 });
    server = await startServerProcess(db.url, stripeEnv());
    const sale = await post(`${server.url}/v1/public/events/${night.eventId}/checkout`,
      JSON.stringify({ buyerName: 'Ana', buyerEmail: 'ana@example.com', lines: [{ ticketTypeId: type.id, quantity: 2 }] }), {});
    expect(sale.status).toBe(201);
    const orderId = sale.body.orderId as string;
    const sessionId = (sale.body.checkoutUrl as string).split('/pay/')[1]!;

    // The buyer pays: the provider has the money. Our write is held back by a lock on the order,
    // so the process is killed while its transaction (event id stored, nothing committed) waits.
    stripe.fake.pay(sessionId);
    const event = stripe.last('checkout.session.completed', sessionId);
    const [holder, watcher] = await db.clients(2);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const lock = holder!.begin(async (tx) => {
      await tx`select 1 from orders where id = ${orderId} for update`;
      locked();
      await held;
    });
    await isLocked;
    const { payload, signature } = stripe.sign(event);
    const delivery = post(`${server.url}/v1/payments/stripe/webhook`, payload, { 'stripe-signature': signature }).catch((error: Error) => error);
    for (;;) {
      const [waiting] = await watcher!<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and application_name like 'maguey-%'`;
      if (waiting!.n > 0) break;
    }
    server.process.kill('SIGKILL');
    await server.exited;
    expect(await delivery).toBeInstanceOf(Error); // the provider saw no answer: it will retry
    release();
    await lock;

    const state = async () => (await db.sql`
      select (select status::text from orders where id = ${orderId}) as status,
             (select count(*)::int from payment_events where id = ${event.id}) as events,
             (select count(*)::int from ledger_entries where order_id = ${orderId}) as entries`)[0];
    expect(await state()).toEqual({ status: 'pending', events: 0, entries: 0 });

    // The provider retries (Stripe: for up to 3 days) and reaches the restarted server.
    server = await startServerProcess(db.url, stripeEnv());
    const retry = stripe.sign(event);
    expect(await post(`${server.url}/v1/payments/stripe/webhook`, retry.payload, { 'stripe-signature': retry.signature }))
      .toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await state()).toEqual({ status: 'paid', events: 1, entries: 2 });
    const again = stripe.sign(event);
    expect((await post(`${server.url}/v1/payments/stripe/webhook`, again.payload, { 'stripe-signature': again.signature })).body.duplicate).toBe(true);
  });
});
