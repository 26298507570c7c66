import type { Sql } from '../db/connect.js';
import { findPrincipal } from '../db/principals.js';

/**
 * How often a live stream checks that its token still authenticates. A
 * stream must end within 5 s of its token being revoked, logged out,
 * expired or its member disabled (API.md v1.1); 2 s leaves room for a slow
 * query. One primary-key look-up per open stream every 2 s.
 */
export const SESSION_CHECK_MS = 2_000;

/**
 * Calls `ended` once, the first time `token` no longer names a principal.
 * A failed check (the database away) is not an ending: the next one decides.
 * Returns the function that stops watching.
 */
export function watchSession(sql: Sql, token: string, ended: () => void, everyMs = SESSION_CHECK_MS): () => void {
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    findPrincipal(sql, token)
      .then((principal) => {
        if (!principal) {
          clearInterval(timer);
          ended();
        }
      }, () => {})
      .finally(() => (checking = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
