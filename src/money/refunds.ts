import { randomUUID } from 'node:crypto';
import type { Queryable, Sql } from '../db/connect.js';
import { translateDbError } from '../db/errors.js';
import {
  bookPaymentSnapshot, claimRefundCall, findRefund, findRefundByKey, insertRefund, lockOrderForMoney, orderBalance, paidIntentOf,
  refundsInFlight, refuseRefund, releaseRefundCall, revokeOrderCodes, type RefundRow,
} from '../db/payments.js';
import { DomainError, notFound } from '../domain/errors.js';
import { ProviderRefused, type PaymentProvider, type PaymentSnapshot } from './provider.js';

export interface RefundDeps { sql: Sql; provider: PaymentProvider }

export interface RefundRequest {
  venueId: string;
  orderId: string;
  /** The client's Idempotency-Key: the same key is the same refund, made once. */
  key: string;
  /** Omitted: everything paid and not yet refunded. */
  amountCents?: number;
  reason: string;
  requestedBy: string | null;
}

/**
 * Refunds an order through the provider, once per idempotency key.
 *
 * 1. Under the order's row lock: the refund row for (order, key) is found or
 *    written (state requested) for at most what was paid, less what was
 *    refunded or is being asked for meanwhile, so two refunds at once cannot
 *    give back more than came in.
 * 2. The provider is asked (askProvider), once even when the same refund is
 *    retried concurrently.
 * 3. What the provider then has is booked like a webhook would book it.
 *
 * An order the box office sold (no provider payment) is refunded in full by
 * its status alone: that money was handled by the venue.
 */
export async function refundOrder(deps: RefundDeps, request: RefundRequest): Promise<RefundRow | null> {
  const { venueId, orderId } = request;
  const payer = { kind: 'order', id: orderId } as const;
  const prepared = await deps.sql.begin(async (tx) => {
    const order = await lockOrderForMoney(tx, venueId, orderId);
    if (!order) throw notFound('order', orderId);
    const existing = await findRefundByKey(tx, venueId, payer, request.key);
    if (existing) return { refund: existing, intent: await paidIntentOf(tx, venueId, payer) };
    const intent = await paidIntentOf(tx, venueId, payer);
    if (!intent) {
      if (request.amountCents !== undefined) throw new DomainError(409, 'no_provider_payment', 'this order was not paid through the payment provider: it can only be refunded in full');
      await tx`select set_order_status(${venueId}, ${orderId}, 'refunded')`.catch(translateDbError);
      await revokeOrderCodes(tx, venueId, orderId);
      return { refund: null, intent: undefined };
    }
    const balance = await orderBalance(tx, venueId, orderId);
    const refundable = balance.paid_cents - balance.refunded_cents - (await refundsInFlight(tx, venueId, payer));
    const amount = request.amountCents ?? refundable;
    if (refundable <= 0) throw new DomainError(409, 'nothing_to_refund', 'everything paid for this order is refunded or being refunded');
    if (amount > refundable) {
      throw new DomainError(409, 'amount_too_large', `at most ${refundable} can be refunded`, { errors: [{ field: 'body/amountCents', message: `is more than the ${refundable} left to refund` }] });
    }
    const refund = await insertRefund(tx, { venueId, eventId: order.event_id, payer, key: request.key, amountCents: amount, reason: request.reason, requestedBy: request.requestedBy });
    return { refund, intent };
  });
  if (!prepared.refund || prepared.refund.status !== 'requested' || !prepared.intent) return prepared.refund;
  return askProvider(deps, venueId, prepared.refund, prepared.intent,
    (tx, payment) => bookPaymentSnapshot(tx, { venueId, orderId, paymentId: undefined, payment }));
}

/**
 * Asks the provider for a requested refund and books what it then has.
 * The call is claimed first (claimRefundCall): of concurrent retries of one
 * refund only one asks; the others return the row as it is. The idempotency
 * key is fresh per attempt (Stripe refuses a key reused with other
 * parameters); the refund row's id travels in the refund's metadata, so a
 * retry after a crash or a timeout first looks for the refund an earlier
 * attempt made and never makes a second one. A refusal is written on the
 * row (refused, with the provider's reason) for the owner to see.
 */
export async function askProvider(deps: RefundDeps, venueId: string, refund: RefundRow, intent: string,
  book: (tx: Queryable, payment: PaymentSnapshot) => Promise<unknown>): Promise<RefundRow> {
  if (!(await claimRefundCall(deps.sql, venueId, refund.id, new Date()))) return refund;
  try {
    const before = await deps.provider.payment(intent);
    if (!before.refunds.some((r) => r.refundId === refund.id)) {
      try {
        await deps.provider.refund({ paymentIntent: intent, amountCents: refund.amount_cents, refundId: refund.id }, randomUUID());
      } catch (error) {
        if (!(error instanceof ProviderRefused)) throw error;
        await refuseRefund(deps.sql, venueId, refund.id, error.message);
        return (await findRefund(deps.sql, venueId, refund.id))!;
      }
    }
    const after = await deps.provider.payment(intent);
    await deps.sql.begin((tx) => book(tx, after));
  } catch (error) {
    await releaseRefundCall(deps.sql, venueId, refund.id);
    throw error;
  }
  return (await findRefund(deps.sql, venueId, refund.id))!;
}

/**
 * A cancelled order keeps no money: what it was paid and not yet refunded
 * goes back in full, automatically. This is how a payment that succeeded
 * after the order's hold ended is handled (the order was cancelled and its
 * tickets may be sold to someone else by now), and how a paid order that
 * staff cancel is refunded. The idempotency key is fixed per order, so every
 * webhook, the cancel and the housekeeping sweep lead to this one refund;
 * nothing left to refund is not an error here.
 */
export async function refundCancelledOrder(deps: RefundDeps, target: { venueId: string; orderId: string }): Promise<RefundRow | null> {
  try {
    return await refundOrder(deps, { ...target, key: CANCELLED_ORDER_KEY, reason: 'the order was cancelled (or paid after its hold ended)', requestedBy: null });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'nothing_to_refund') return null;
    throw error;
  }
}

/** The idempotency key of the automatic refund of a cancelled order. */
export const CANCELLED_ORDER_KEY = 'order-cancelled';
