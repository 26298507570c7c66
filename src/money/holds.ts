import type { Sql } from '../db/connect.js';
import { cancelledOrdersWithMoney, sessionsToExpire, setPaymentStatus } from '../db/payments.js';
import { ProviderUnavailable, type PaymentProvider } from './provider.js';
import { CANCELLED_ORDER_KEY, refundCancelledOrder } from './refunds.js';

/**
 * When an order's hold ends, release_expired_orders() (db/functions) cancels
 * it and gives its tickets back; this then expires its Checkout Session at
 * the provider, so the buyer can no longer pay for tickets that are back on
 * sale. A session paid in the meantime stays complete: its webhook books the
 * payment and, the order being cancelled, refunds it (src/money/refunds.ts).
 * Returns how many sessions it expired; a provider outage stops the round
 * (the next run retries).
 */
export async function expireEndedCheckouts(sql: Sql, provider: PaymentProvider): Promise<number> {
  let expired = 0;
  for (const payment of await sessionsToExpire(sql)) {
    try {
      const session = await provider.expireCheckout(payment.checkout_session);
      if (session.status === 'expired') {
        await setPaymentStatus(sql, payment.venue_id, payment.id, 'expired');
        expired++;
      }
    } catch (error) {
      if (error instanceof ProviderUnavailable) break;
      throw error;
    }
  }
  return expired;
}

/**
 * The backstop of automatic refunds: a cancelled order that still holds
 * money (its refund after a late payment or a cancel failed, say the
 * provider was down) is refunded now. Returns how many orders it refunded.
 */
export async function refundCancelledOrders(sql: Sql, provider: PaymentProvider): Promise<number> {
  let refunded = 0;
  for (const order of await cancelledOrdersWithMoney(sql, CANCELLED_ORDER_KEY)) {
    try {
      const refund = await refundCancelledOrder({ sql, provider }, { venueId: order.venue_id, orderId: order.order_id });
      if (refund?.status === 'succeeded' || refund?.status === 'pending') refunded++;
    } catch (error) {
      if (error instanceof ProviderUnavailable) break;
      throw error;
    }
  }
  return refunded;
}
