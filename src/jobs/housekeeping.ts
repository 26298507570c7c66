import type { Sql } from '../db/connect.js';
import { releaseExpiredOrders } from '../db/orders.js';
import { purgePaymentEvents } from '../db/payments.js';
import { purgeExpiredRows } from '../db/purge.js';
import { expireEndedCheckouts, refundCancelledOrders } from '../money/holds.js';
import type { PaymentProvider } from '../money/provider.js';

/**
 * Once a minute: pending orders whose hold ended give their tickets back
 * and their provider checkouts are expired; cancelled orders still holding
 * money are refunded; expired sessions, old log-in
 * counts and provider events older than 30 days are deleted. Every server
 * process runs it; the statements are safe to run at once (the release
 * skips orders another process has locked; expiring a session twice is a no-op).
 */
export const HOUSEKEEPING_MS = 60_000;

export interface HousekeepingDone { releasedOrders: number; expiredCheckouts: number; refundedOrders: number; sessions: number; loginAttempts: number; paymentEvents: number }

export async function runHousekeeping(sql: Sql, provider?: PaymentProvider): Promise<HousekeepingDone> {
  const releasedOrders = await releaseExpiredOrders(sql);
  const expiredCheckouts = provider ? await expireEndedCheckouts(sql, provider) : 0;
  const refundedOrders = provider ? await refundCancelledOrders(sql, provider) : 0;
  return { releasedOrders, expiredCheckouts, refundedOrders, ...(await purgeExpiredRows(sql)), paymentEvents: await purgePaymentEvents(sql) };
}

/** Starts the periodic run; returns the function that stops it. */
export function startHousekeeping(sql: Sql, provider: PaymentProvider, log: { info(o: object, m: string): void; warn(o: object, m: string): void }): () => void {
  const timer = setInterval(() => {
    runHousekeeping(sql, provider).then(
      (done) => {
        if (Object.values(done).some((n) => n > 0)) log.info(done, 'housekeeping');
      },
      (error: unknown) => log.warn({ err: error }, 'housekeeping failed; retrying in a minute'),
    );
  }, HOUSEKEEPING_MS);
  timer.unref();
  return () => clearInterval(timer);
}
