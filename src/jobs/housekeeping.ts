import type { Sql } from '../db/connect.js';
import { releaseExpiredOrders } from '../db/orders.js';
import { purgePaymentEvents } from '../db/payments.js';
import { purgeExpiredRows } from '../db/purge.js';
import { expireEndedCheckouts, refundCancelledOrders } from '../money/holds.js';
import type { Mailer } from '../mail/mailer.js';
import type { PaymentProvider } from '../money/provider.js';
import { mailUnsentTickets } from '../money/ticket-delivery.js';

/**
 * Once a minute: pending orders whose hold ended give their tickets back
 * and their provider checkouts are expired; cancelled orders still holding
 * money are refunded; tickets of paid orders not mailed yet are mailed; expired sessions, old log-in
 * counts and provider events older than 30 days are deleted. Every server
 * process runs it; the statements are safe to run at once (the release
 * skips orders another process has locked; expiring a session twice is a no-op).
 */
export const HOUSEKEEPING_MS = 60_000;

/** What the money steps need: the payment provider and the mailer. */
export interface MoneyServices { provider: PaymentProvider; mailer: Mailer }

export interface HousekeepingDone { releasedOrders: number; expiredCheckouts: number; refundedOrders: number; mailedOrders: number; sessions: number; loginAttempts: number; paymentEvents: number }

export async function runHousekeeping(sql: Sql, money?: MoneyServices): Promise<HousekeepingDone> {
  const releasedOrders = await releaseExpiredOrders(sql);
  const expiredCheckouts = money ? await expireEndedCheckouts(sql, money.provider) : 0;
  const refundedOrders = money ? await refundCancelledOrders(sql, money.provider) : 0;
  const mailedOrders = money ? await mailUnsentTickets({ sql, mailer: money.mailer }) : 0;
  return { releasedOrders, expiredCheckouts, refundedOrders, mailedOrders, ...(await purgeExpiredRows(sql)), paymentEvents: await purgePaymentEvents(sql) };
}

/** Starts the periodic run; returns the function that stops it. */
export function startHousekeeping(sql: Sql, money: MoneyServices, log: { info(o: object, m: string): void; warn(o: object, m: string): void }): () => void {
  const timer = setInterval(() => {
    runHousekeeping(sql, money).then(
      (done) => {
        if (Object.values(done).some((n) => n > 0)) log.info(done, 'housekeeping');
      },
      (error: unknown) => log.warn({ err: error }, 'housekeeping failed; retrying in a minute'),
    );
  }, HOUSEKEEPING_MS);
  timer.unref();
  return () => clearInterval(timer);
}
