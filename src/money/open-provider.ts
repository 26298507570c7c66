import type { Config } from '../config.js';
import { PaymentProvider } from './provider.js';
import { builtInWebhookSecret, TestProvider, type Deliver } from './test-provider.js';

export interface Money {
  provider: PaymentProvider;
  /** The built-in test provider, when no STRIPE_SECRET_KEY is set. */
  testProvider: TestProvider | undefined;
  close(): Promise<void>;
}

/**
 * Stripe when configured; otherwise the built-in test provider, started in
 * this process, its events delivered by `deliver` to the webhook route.
 */
export async function openPaymentProvider(config: Config, serverSecret: string, deliver: Deliver): Promise<Money> {
  if (config.stripe) {
    return { provider: new PaymentProvider(config.stripe), testProvider: undefined, close: async () => {} };
  }
  const testProvider = new TestProvider(builtInWebhookSecret(serverSecret));
  const provider = new PaymentProvider(await testProvider.start(deliver));
  return { provider, testProvider, close: () => testProvider.close() };
}
