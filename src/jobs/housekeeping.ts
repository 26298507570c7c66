import type { Sql } from '../db/connect.js';
import { releaseExpiredOrders } from '../db/orders.js';
import { purgeExpiredRows } from '../db/purge.js';

/**
 * Once a minute: pending orders whose hold ended give their tickets back,
 * and expired sessions and old log-in counts are deleted. Every server
 * process runs it; the statements are safe to run at once (the release
 * skips orders another process has locked).
 */
export const HOUSEKEEPING_MS = 60_000;

export async function runHousekeeping(sql: Sql): Promise<{ releasedOrders: number; sessions: number; loginAttempts: number }> {
  const releasedOrders = await releaseExpiredOrders(sql);
  return { releasedOrders, ...(await purgeExpiredRows(sql)) };
}

/** Starts the periodic run; returns the function that stops it. */
export function startHousekeeping(sql: Sql, log: { info(o: object, m: string): void; warn(o: object, m: string): void }): () => void {
  const timer = setInterval(() => {
    runHousekeeping(sql).then(
      (done) => {
        if (done.releasedOrders + done.sessions + done.loginAttempts > 0) log.info(done, 'housekeeping');
      },
      (error: unknown) => log.warn({ err: error }, 'housekeeping failed; retrying in a minute'),
    );
  }, HOUSEKEEPING_MS);
  timer.unref();
  return () => clearInterval(timer);
}
