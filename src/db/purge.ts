import type { Sql } from './connect.js';

/** How long log-in counts are kept after their minute (they are read only for the current one). */
const LOGIN_ATTEMPTS_KEPT = '10 minutes';

/**
 * Deletes rows that have expired and are read by nothing: ended sessions
 * and old log-in counts. Returns how many of each went.
 */
export async function purgeExpiredRows(sql: Sql): Promise<{ sessions: number; loginAttempts: number }> {
  const sessions = await sql`delete from staff_sessions where expires_at <= now()`;
  const loginAttempts = await sql`delete from login_attempts where window_start < now() - ${LOGIN_ATTEMPTS_KEPT}::interval`;
  return { sessions: sessions.count, loginAttempts: loginAttempts.count };
}
