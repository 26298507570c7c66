import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config.js';
import { runHousekeeping } from '../../src/jobs/housekeeping.js';
import type { StripeEvent } from '../../src/money/fake-stripe.js';
import { createAppHarness, type AppHarness } from './app.js';
import { gaClient } from './ga.js';
import { startStripeServer, type StripeServer } from './stripe-server.js';

/** An app whose payment provider is the tests' Stripe-compatible server, for a whole test file. */
export function useMoneyApp(overrides: Partial<Config> = {}): { h: AppHarness; stripe: StripeServer } {
  const h = {} as AppHarness & { close(): Promise<void> };
  const stripe = {} as StripeServer;
  beforeAll(async () => {
    Object.assign(stripe, await startStripeServer());
    Object.assign(h, await createAppHarness({ stripe: stripe.settings, ...overrides }));
  });
  afterAll(async () => {
    await h.close?.();
    await stripe.close?.();
  });
  return { h, stripe };
}

/** Sends an event to the webhook as Stripe would (signed now unless told otherwise); resolves with the status. */
export async function deliver(h: AppHarness, stripe: StripeServer, event: StripeEvent, options: { timestamp?: number; secret?: string } = {}) {
  const { payload, signature } = stripe.sign(event, options);
  const res = await h.app.inject({
    method: 'POST', url: '/v1/payments/stripe/webhook', payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
  return { status: res.statusCode, body: res.json() as { received?: boolean; duplicate?: boolean; code?: string } };
}

/** An event on sale tonight with one ticket type (2,000 + 300 fee, inventory as given). */
export async function saleNight(h: AppHarness, inventory = 100) {
  const ga = gaClient(h);
  const eventId = await ga.event();
  const typeId = await ga.ticketType(eventId, { priceCents: 2_000, feeCents: 300, inventory });
  return { eventId, typeId };
}

/** A public checkout of `quantity` tickets: the order and its Checkout Session. */
export async function checkout(h: AppHarness, eventId: string, typeId: string, quantity = 2) {
  const res = await h.app.inject({
    method: 'POST', url: `/v1/public/events/${eventId}/checkout`,
    payload: { buyerName: 'Ana Buyer', buyerEmail: 'ana@example.com', lines: [{ ticketTypeId: typeId, quantity }] },
  });
  if (res.statusCode !== 201) throw new Error(`checkout: ${res.statusCode} ${res.body}`);
  const body = res.json() as { orderId: string; checkoutUrl: string; expiresAt: string };
  return { ...body, sessionId: body.checkoutUrl.split('/pay/')[1]! };
}

export interface OrderView {
  id: string; status: string; totalCents: number; paidCents: number; refundedCents: number; balanceDueCents: number;
  tickets: { id: string; code: string; status: string }[];
  payments: { status: string; providerRef: string | null }[];
  refunds: { id: string; status: string; amountCents: number; failure: string | null }[];
}

export async function order(h: AppHarness, id: string): Promise<OrderView> {
  return (await h.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: h.auth(h.tokens.owner) })).json() as OrderView;
}

/** The order's ledger rows, oldest first (one booking's in kind order): [kind, amount] pairs. */
export async function ledgerOf(h: AppHarness, orderId: string): Promise<[string, number][]> {
  const rows = await h.db.sql<{ kind: string; amount_cents: number }[]>`
    select kind, amount_cents from ledger_entries where order_id = ${orderId} order by at, kind, id`;
  return rows.map((r) => [r.kind, r.amount_cents]);
}

/** One housekeeping run of the app's job, with its payment provider and mailer. */
export const housekeeping = (h: AppHarness) => runHousekeeping(h.db.sql, { provider: h.app.deps.money.provider, mailer: h.app.deps.mailer, issuer: h.app.deps.issuer });
