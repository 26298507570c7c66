import { setOrderStatus } from '../db/orders.js';
import { eventOrderIds, markEventCancelled } from '../db/sales.js';
import { DomainError, notFound } from '../domain/errors.js';
import { refundOrder, type RefundDeps } from './refunds.js';

export interface EventCancellation {
  /** Pending orders cancelled (their tickets released, their checkouts expired by the next housekeeping run). */
  cancelledPending: number;
  /** Paid orders refunded in full. */
  refunded: number;
  /** Paid orders kept because the cancellation came after the event's refund limit (refundableUntil). */
  kept: number;
  /** Paid orders whose refund the provider refused (kept on the order) or could not take now (cancelling again retries those). */
  failed: number;
}

/** The idempotency key of the refunds of a cancelled event: cancelling again refunds nothing twice. */
const EVENT_CANCELLED_KEY = 'event-cancelled';

/**
 * Cancels an event: no more sales, pending orders cancelled, and every paid
 * order refunded in full when the cancellation is within the event's refund
 * policy (no refundableUntil, or not yet past it). After the limit paid
 * orders are kept and counted, for the owner to settle. Idempotent: calling
 * it again refunds nothing twice and resumes the refunds the provider could
 * not take (down); a refused refund keeps its answer.
 */
export async function cancelEvent(deps: RefundDeps, venueId: string, eventId: string, now = new Date()): Promise<EventCancellation> {
  const event = await markEventCancelled(deps.sql, venueId, eventId);
  if (!event) throw notFound('event', eventId);
  const pending = await eventOrderIds(deps.sql, venueId, eventId, 'pending');
  for (const id of pending) await setOrderStatus(deps.sql, venueId, id, 'cancelled').catch(ignoreStateConflict);
  const paid = await eventOrderIds(deps.sql, venueId, eventId, 'paid');
  if (event.refundable_until && now > event.refundable_until) return { cancelledPending: pending.length, refunded: 0, kept: paid.length, failed: 0 };
  let refunded = 0;
  let failed = 0;
  for (const orderId of paid) {
    try {
      const refund = await refundOrder(deps, { venueId, orderId, key: EVENT_CANCELLED_KEY, reason: 'the event was cancelled', requestedBy: null });
      if (refund?.status === 'refused' || refund?.status === 'failed') failed++;
      else refunded++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed++;
    }
  }
  return { cancelledPending: pending.length, refunded, kept: 0, failed };
}

/** A pending order paid or cancelled meanwhile is not pending any more: nothing to do here. */
function ignoreStateConflict(error: unknown): void {
  if (!(error instanceof DomainError && error.status === 409)) throw error;
}
