import type { Sql } from '../db/connect.js';
import { bookDepositSnapshot, cancelledBookingsWithDeposit, lockReservationForMoney, reservationBalance } from '../db/deposits.js';
import type { CodeIssuer } from '../db/keys.js';
import { findRefundByKey, insertRefund, paidIntentOf, refundsInFlight, type RefundRow } from '../db/payments.js';
import { DomainError, notFound } from '../domain/errors.js';
import { ProviderUnavailable, type PaymentProvider } from './provider.js';
import { askProvider } from './refunds.js';

export interface DepositRefundDeps { sql: Sql; provider: PaymentProvider; issuer: CodeIssuer }

/** The idempotency key of the automatic refund of a cancelled booking's deposit. */
export const CANCELLED_BOOKING_KEY = 'booking-cancelled';

/**
 * Gives a cancelled booking's deposit back through the provider, once per
 * idempotency key: under the booking's row lock the refund row for
 * (booking, key) is found or written for the whole deposit held (less what
 * is being asked back meanwhile, or the part asked for), then the provider is asked once
 * (askProvider, src/money/refunds.ts) and what it has is booked. A deposit
 * the venue keeps (no-show, cancelled after refundableUntil) is not refunded.
 */
export async function refundDeposit(deps: DepositRefundDeps, request: {
  venueId: string; reservationId: string; key: string; reason: string; requestedBy: string | null;
  /** Omitted: all the deposit held. */
  amountCents?: number;
}): Promise<RefundRow | null> {
  const { venueId, reservationId } = request;
  const payer = { kind: 'reservation', id: reservationId } as const;
  const prepared = await deps.sql.begin(async (tx) => {
    const booking = await lockReservationForMoney(tx, venueId, reservationId);
    if (!booking) throw notFound('reservation', reservationId);
    const intent = await paidIntentOf(tx, venueId, payer);
    const existing = await findRefundByKey(tx, venueId, payer, request.key);
    if (existing) return { refund: existing, intent };
    const balance = (await reservationBalance(tx, venueId, reservationId))!;
    if (balance.kept_cents > 0) throw new DomainError(409, 'deposit_kept', 'the venue keeps this deposit (a no-show, or cancelled after the refund limit)');
    const refundable = balance.deposit_held_cents - (await refundsInFlight(tx, venueId, payer));
    if (!intent || refundable <= 0) throw new DomainError(409, 'nothing_to_refund', 'this booking holds no deposit to refund');
    const amount = request.amountCents ?? refundable;
    if (amount > refundable) {
      throw new DomainError(409, 'amount_too_large', `at most ${refundable} can be refunded`, { errors: [{ field: 'body/amountCents', message: `is more than the ${refundable} left to refund` }] });
    }
    const refund = await insertRefund(tx, {
      venueId, eventId: booking.event_id, payer, key: request.key, amountCents: amount, reason: request.reason, requestedBy: request.requestedBy,
    });
    return { refund, intent };
  });
  if (prepared.refund.status !== 'requested' || !prepared.intent) return prepared.refund;
  return askProvider(deps, venueId, prepared.refund, prepared.intent,
    (tx, payment) => bookDepositSnapshot(tx, deps.issuer, { venueId, reservationId, paymentId: undefined, payment, now: new Date() }));
}

/**
 * A cancelled booking keeps no deposit unless the venue keeps it: what it
 * holds goes back, automatically, with one idempotency key per booking, so
 * the cancel, every webhook of a deposit paid late and the housekeeping
 * sweep lead to this one refund. Nothing to refund is not an error here.
 */
export async function refundCancelledBooking(deps: DepositRefundDeps, target: { venueId: string; reservationId: string }): Promise<RefundRow | null> {
  try {
    return await refundDeposit(deps, { ...target, key: CANCELLED_BOOKING_KEY, reason: 'the booking was cancelled in time (or paid after its hold ended)', requestedBy: null });
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'nothing_to_refund' || error.code === 'deposit_kept')) return null;
    throw error;
  }
}

/** The backstop: cancelled bookings still holding a deposit they do not keep are refunded now; returns how many. */
export async function refundCancelledBookings(deps: DepositRefundDeps): Promise<number> {
  let refunded = 0;
  for (const booking of await cancelledBookingsWithDeposit(deps.sql, CANCELLED_BOOKING_KEY)) {
    try {
      const refund = await refundCancelledBooking(deps, { venueId: booking.venue_id, reservationId: booking.reservation_id });
      if (refund?.status === 'succeeded' || refund?.status === 'pending') refunded++;
    } catch (error) {
      if (error instanceof ProviderUnavailable) break;
      throw error;
    }
  }
  return refunded;
}
