import Stripe from 'stripe';
import { DomainError } from '../domain/errors.js';

/**
 * The payment provider as Maguey Pass uses it, through the official Stripe
 * SDK: Checkout Sessions, refunds, and snapshots re-read from the provider.
 * Webhook events only say "look again": the handler re-reads the
 * PaymentIntent (with its charge, fee, refunds and disputes) and books what
 * it finds, so events applied twice or out of order end in the same state.
 */

/** What we put on the provider's objects to find our rows again (strings: Stripe metadata): an order's payment or a table's deposit. */
export interface PaymentMetadata { venueId: string; paymentId: string; eventId?: string; orderId?: string; reservationId?: string }

export interface CheckoutRequest extends PaymentMetadata {
  eventId: string;
  currency: string;
  buyerEmail: string;
  lines: { name: string; unitAmountCents: number; quantity: number }[];
  /** The provider's session lives at least 30 minutes (Stripe's minimum); the hold's end expires it sooner. */
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
}

export interface SessionSnapshot {
  id: string;
  status: 'open' | 'complete' | 'expired';
  metadata: Partial<PaymentMetadata>;
  paymentIntent: string | null;
}

export interface RefundSnapshot {
  id: string;
  amountCents: number;
  status: string;
  /** Our refunds row, when we asked for it. */
  refundId: string | undefined;
  failure: string | null;
}

export interface PaymentSnapshot {
  paymentIntent: string;
  status: string;
  amountCents: number;
  currency: string;
  failure: string | null;
  metadata: Partial<PaymentMetadata>;
  charge: { id: string; amountCents: number; fee: { ref: string; cents: number } | null } | null;
  refunds: RefundSnapshot[];
  disputes: { id: string; amountCents: number; status: string }[];
}

/** A movement of the provider account's balance: a charge (with its fee), a refund, a failed refund. */
export interface BalanceTransaction {
  id: string; type: string; amountCents: number; feeCents: number; currency: string;
  /** The charge or refund it moved money for (ch_…, re_…), and that object's PaymentIntent. */
  source: string | null; paymentIntent: string | null;
}

/** The provider could not be reached or failed on its side: a 503, the caller may retry. */
export class ProviderUnavailable extends DomainError {
  constructor(detail: string) {
    super(503, 'payment_provider_unavailable', detail);
  }
}
/** The provider refused the request (a refund on a disputed charge, an amount too large, an unknown object): final, say why. */
export class ProviderRefused extends DomainError {
  constructor(detail: string) {
    super(409, 'payment_provider_refused', detail);
  }
}

/** Stripe verifies webhook timestamps within 5 minutes; older deliveries are replays. */
export const WEBHOOK_TOLERANCE_S = 300;

export interface ProviderSettings {
  secretKey: string;
  webhookSecret: string;
  /** A Stripe-compatible server (tests, the built-in test provider): host, port and protocol of this URL. */
  apiBase?: string;
}

export class PaymentProvider {
  readonly stripe: Stripe;

  constructor(readonly settings: ProviderSettings) {
    const base = settings.apiBase ? new URL(settings.apiBase) : undefined;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 1,
      timeout: 10_000,
      ...(base ? {
        host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80),
        protocol: base.protocol.replace(':', '') as 'http' | 'https',
      } : {}),
    });
  }

  /** Verifies the Stripe-Signature header over the raw body (throws on any mismatch) and parses the event. */
  verify(rawBody: Buffer, signature: string | undefined): Stripe.Event {
    return this.stripe.webhooks.constructEvent(rawBody, signature ?? '', this.settings.webhookSecret, WEBHOOK_TOLERANCE_S);
  }

  async createCheckout(request: CheckoutRequest, idempotencyKey: string): Promise<{ sessionId: string; url: string }> {
    const payer: Record<string, string> = request.orderId ? { orderId: request.orderId } : { reservationId: request.reservationId! };
    const metadata = { venueId: request.venueId, eventId: request.eventId, paymentId: request.paymentId, ...payer };
    const session = await call(() => this.stripe.checkout.sessions.create({
      mode: 'payment',
      customer_email: request.buyerEmail,
      client_reference_id: request.orderId ?? request.reservationId,
      line_items: request.lines.map((line) => ({
        quantity: line.quantity,
        price_data: { currency: request.currency.toLowerCase(), unit_amount: line.unitAmountCents, product_data: { name: line.name } },
      })),
      metadata,
      payment_intent_data: { metadata },
      expires_at: Math.floor(Math.max(request.expiresAt.getTime(), Date.now() + 31 * 60_000) / 1000),
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
    }, { idempotencyKey }));
    return { sessionId: session.id, url: session.url ?? '' };
  }

  /** Expires an open session so nobody can pay it any more; a session already complete or expired is left as it is. */
  async expireCheckout(sessionId: string): Promise<SessionSnapshot> {
    const session = await this.session(sessionId);
    if (session.status !== 'open') return session;
    try {
      await call(() => this.stripe.checkout.sessions.expire(sessionId));
    } catch (error) {
      if (!(error instanceof ProviderRefused)) throw error;
    }
    return this.session(sessionId); // paid meanwhile, or expired now
  }

  async session(sessionId: string): Promise<SessionSnapshot> {
    const s = await call(() => this.stripe.checkout.sessions.retrieve(sessionId));
    return {
      id: s.id, status: (s.status ?? 'open') as SessionSnapshot['status'], metadata: (s.metadata ?? {}) as Partial<PaymentMetadata>,
      paymentIntent: typeof s.payment_intent === 'string' ? s.payment_intent : s.payment_intent?.id ?? null,
    };
  }

  /** The PaymentIntent as the provider has it now: its charge and fee, every refund and dispute. */
  async payment(paymentIntentId: string): Promise<PaymentSnapshot> {
    const [intent, refunds, disputes] = await Promise.all([
      call(() => this.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge.balance_transaction'] })),
      call(() => this.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 })),
      call(() => this.stripe.disputes.list({ payment_intent: paymentIntentId, limit: 100 })),
    ]);
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const txn = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
    return {
      paymentIntent: intent.id, status: intent.status, amountCents: intent.amount, currency: intent.currency.toUpperCase(),
      failure: intent.last_payment_error?.message ?? null,
      metadata: (intent.metadata ?? {}) as Partial<PaymentMetadata>,
      charge: charge && charge.status === 'succeeded'
        ? { id: charge.id, amountCents: charge.amount, fee: txn ? { ref: txn.id, cents: txn.fee } : null }
        : null,
      refunds: refunds.data.map(refundSnapshot),
      disputes: disputes.data.map((d) => ({ id: d.id, amountCents: d.amount, status: d.status })),
    };
  }

  /** Every balance transaction created within [from, to], read page by page, each with its source's PaymentIntent. */
  async balanceTransactions(from: Date, to: Date): Promise<BalanceTransaction[]> {
    const found: BalanceTransaction[] = [];
    await call(async () => {
      const created = { gte: Math.floor(from.getTime() / 1000), lte: Math.ceil(to.getTime() / 1000) };
      for await (const t of this.stripe.balanceTransactions.list({ created, limit: 100, expand: ['data.source'] })) {
        const source = typeof t.source === 'object' && t.source ? t.source as unknown as { id: string; payment_intent?: unknown } : null;
        const intent = source && typeof source.payment_intent === 'string' ? source.payment_intent : null;
        found.push({
          id: t.id, type: t.type, amountCents: t.amount, feeCents: t.fee, currency: t.currency.toUpperCase(),
          source: source?.id ?? (typeof t.source === 'string' ? t.source : null), paymentIntent: intent,
        });
      }
    });
    return found;
  }

  /** What we put on a PaymentIntent (to tell whose it is when no row of ours names it). */
  async paymentMetadata(paymentIntentId: string): Promise<Partial<PaymentMetadata>> {
    const intent = await call(() => this.stripe.paymentIntents.retrieve(paymentIntentId));
    return (intent.metadata ?? {}) as Partial<PaymentMetadata>;
  }

  /**
   * Asks for a refund. The idempotency key must be fresh per attempt (a key
   * reused with other parameters is an error at Stripe); the refund row's id
   * in the metadata lets a retry find a refund an earlier attempt made.
   */
  async refund(request: { paymentIntent: string; amountCents: number; refundId: string }, idempotencyKey: string): Promise<RefundSnapshot> {
    const refund = await call(() => this.stripe.refunds.create({
      payment_intent: request.paymentIntent, amount: request.amountCents, metadata: { refundId: request.refundId },
    }, { idempotencyKey }));
    return refundSnapshot(refund);
  }
}

function refundSnapshot(r: Stripe.Refund): RefundSnapshot {
  return {
    id: r.id, amountCents: r.amount, status: r.status ?? 'pending', refundId: r.metadata?.refundId,
    failure: r.failure_reason ?? null,
  };
}

/** Maps the SDK's errors to ours: 4xx answers are refusals, the rest (network, 5xx, rate limits) unavailability. */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      const status = error.statusCode ?? 0;
      if (status >= 400 && status < 500 && status !== 429 && status !== 401) throw new ProviderRefused(error.message);
      throw new ProviderUnavailable(`payment provider: ${error.message}`);
    }
    throw error;
  }
}
