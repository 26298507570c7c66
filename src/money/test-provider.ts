import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Stripe from 'stripe';
import { FakeStripe, type StripeEvent } from './fake-stripe.js';
import type { ProviderSettings } from './provider.js';

/** Sends one signed webhook delivery; resolves with the HTTP status (0: no answer). */
export type Deliver = (payload: string, signature: string) => Promise<number>;

/** Attempts per event before the test provider gives up (Stripe retries for 3 days; a local demo needs less). */
const DELIVERY_ATTEMPTS = 6;

/**
 * The provider of a server without STRIPE_SECRET_KEY, like Stripe's test
 * mode: a Stripe-compatible server in this process (src/money/fake-stripe.ts)
 * that the real SDK calls, a pay page (/pay/{sessionId}, src/http/routes/pay-page.ts),
 * and webhook events signed with the SDK's own test-header helper and sent
 * to the very endpoint Stripe would call, retried on failure.
 */
export class TestProvider {
  readonly fake = new FakeStripe();
  private pending = new Set<Promise<void>>();

  constructor(private readonly webhookSecret: string) {}

  async start(deliver: Deliver): Promise<ProviderSettings> {
    await this.fake.listen();
    this.fake.onEvent((event) => {
      const delivery = this.deliver(event, deliver);
      this.pending.add(delivery);
      void delivery.finally(() => this.pending.delete(delivery));
    });
    return { secretKey: 'sk_test_maguey_builtin', webhookSecret: this.webhookSecret, apiBase: this.fake.url };
  }

  /** Resolves when every event produced so far was delivered (or given up on). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  close(): Promise<void> {
    return this.fake.close();
  }

  private async deliver(event: StripeEvent, send: Deliver): Promise<void> {
    const payload = JSON.stringify(event);
    for (let attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.webhookSecret });
      const status = await send(payload, signature).catch(() => 0);
      if (status >= 200 && status < 300) return;
      await sleep(200 * 2 ** attempt);
    }
  }
}

/** The test provider's webhook secret: per installation, derived from the server secret (nothing more to keep). */
export const builtInWebhookSecret = (serverSecret: string) =>
  `whsec_${createHmac('sha256', serverSecret).update('maguey test provider webhooks').digest('base64url')}`;
