import type { Sql } from '../db/connect.js';
import { releaseExpiredBookings } from '../db/deposits.js';
import type { CodeIssuer } from '../db/keys.js';
import { releaseExpiredOrders } from '../db/orders.js';
import { purgePaymentEvents } from '../db/payments.js';
import { purgeExpiredRows } from '../db/purge.js';
import { expireEndedCheckouts, refundCancelledOrders } from '../money/holds.js';
import type { Mailer } from '../mail/mailer.js';
import type { PaymentProvider } from '../money/provider.js';
import { mailUnsentTickets } from '../money/ticket-delivery.js';
import { refundCancelledBookings } from '../money/deposit-refunds.js';
import { mailUnsentPasses } from '../money/pass-delivery.js';

/**
 * Once a minute: pending orders whose hold ended give their tickets back,
 * unpaid table bookings whose hold ended free their table, and their
 * provider checkouts are expired; cancelled orders and bookings still
 * holding money they do not keep are refunded; tickets of paid orders and
 * passes of paid bookings not mailed yet are mailed; expired sessions, old log-in
 * counts and provider events older than 30 days are deleted. Every server
 * process runs it; the statements are safe to run at once (the release
 * skips orders another process has locked; expiring a session twice is a no-op).
 */
export const HOUSEKEEPING_MS = 60_000;

/** What the money steps need: the payment provider, the mailer, and the signer of passes. */
export interface MoneyServices { provider: PaymentProvider; mailer: Mailer; issuer: CodeIssuer }

export interface HousekeepingDone {
  releasedOrders: number; releasedBookings: number; expiredCheckouts: number; refundedOrders: number; refundedBookings: number;
  mailedOrders: number; mailedBookings: number; sessions: number; loginAttempts: number; paymentEvents: number;
}

export async function runHousekeeping(sql: Sql, money?: MoneyServices): Promise<HousekeepingDone> {
  const releasedOrders = await releaseExpiredOrders(sql);
  const releasedBookings = await releaseExpiredBookings(sql, new Date());
  const expiredCheckouts = money ? await expireEndedCheckouts(sql, money.provider) : 0;
  const refundedOrders = money ? await refundCancelledOrders(sql, money.provider) : 0;
  const refundedBookings = money ? await refundCancelledBookings({ sql, ...money }) : 0;
  const mailedOrders = money ? await mailUnsentTickets({ sql, mailer: money.mailer }) : 0;
  const mailedBookings = money ? await mailUnsentPasses({ sql, mailer: money.mailer }) : 0;
  return {
    releasedOrders, releasedBookings, expiredCheckouts, refundedOrders, refundedBookings, mailedOrders, mailedBookings,
    ...(await purgeExpiredRows(sql)), paymentEvents: await purgePaymentEvents(sql),
  };
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
