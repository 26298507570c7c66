import Stripe from 'stripe';
import { FakeStripe, type StripeEvent } from '../../src/money/fake-stripe.js';
import type { Config } from '../../src/config.js';

/**
 * The Stripe-compatible server of the tests: the app's real SDK talks to it
 * over HTTP (STRIPE_API_BASE). It is the same in-memory server the built-in
 * test provider runs (src/money/fake-stripe.ts); here nothing delivers its
 * events by itself: a test sends them, signed, when and how it wants
 * (twice, late, out of order, tampered).
 */
export interface StripeServer {
  fake: FakeStripe;
  /** The `stripe` part of the app's configuration: key, webhook secret, this server as API base. */
  settings: NonNullable<Config['stripe']> & { apiBase: string };
  /** The body and Stripe-Signature header of an event, signed with the SDK's own test helper. */
  sign(event: StripeEvent, options?: { timestamp?: number; secret?: string }): { payload: string; signature: string };
  /** The newest event of this type about this object (or any object). */
  last(type: string, objectId?: string): StripeEvent;
  close(): Promise<void>;
}

export async function startStripeServer(): Promise<StripeServer> {
  const fake = new FakeStripe();
  const url = await fake.listen();
  const settings = { secretKey: 'sk_test_maguey_tests', webhookSecret: 'whsec_maguey_tests_0123456789', apiBase: url };
  return {
    fake, settings,
    sign(event, options = {}) {
      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload, secret: options.secret ?? settings.webhookSecret, ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      });
      return { payload, signature };
    },
    last(type, objectId) {
      const found = fake.events.filter((e) => e.type === type && (!objectId || e.data.object.id === objectId)).at(-1);
      if (!found) throw new Error(`no ${type} event${objectId ? ` for ${objectId}` : ''}`);
      return found;
    },
    close: () => fake.close(),
  };
}
