import { createHash } from 'node:crypto';
import type { Sql } from './connect.js';

/** What one log-in attempt counted, per limit, in the current minute. */
export interface LoginAttemptCount {
  byAddress: number;
  byAccount: number;
  /** Seconds until this minute ends: the earliest a refused client may try again. */
  retryAfterSeconds: number;
}

const keyOf = (kind: 'address' | 'account', value: string) => createHash('sha256').update(`${kind}:${value}`).digest();

/**
 * Counts a log-in attempt against its client address and its account in
 * one upsert (a row per key and minute), so every server process shares the
 * count. Counted before the password is checked: a guesser pays for each try
 * whether it was right or not. Rows are written in key order, so two
 * attempts cannot deadlock. The count is a sliding minute: this minute's
 * attempts plus the previous minute's, weighted by how much of it is still
 * within the last 60 s (a burst across a minute boundary is not reset).
 */
export async function countLoginAttempt(sql: Sql, address: string, email: string): Promise<LoginAttemptCount> {
  const address_ = keyOf('address', address);
  const account = keyOf('account', email.toLowerCase());
  const rows = await sql<{ key_hash: Buffer; attempts: number; retry_after: number }[]>`
    with counted as (
      insert into login_attempts (key_hash, window_start, attempts)
      select k, date_trunc('minute', now()), 1 from unnest(array[${address_}::bytea, ${account}::bytea]) k order by k
      on conflict (key_hash, window_start) do update set attempts = login_attempts.attempts + 1
      returning key_hash, attempts)
    select c.key_hash,
           c.attempts + coalesce(p.attempts, 0) * (1 - extract(epoch from now() - date_trunc('minute', now())) / 60) as attempts,
           ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now()))::int as retry_after
      from counted c
      left join login_attempts p on p.key_hash = c.key_hash and p.window_start = date_trunc('minute', now()) - interval '1 minute'`;
  const count = (key: Buffer) => Number(rows.find((r) => r.key_hash.equals(key))?.attempts ?? 0);
  return { byAddress: count(address_), byAccount: count(account), retryAfterSeconds: Math.max(1, rows[0]?.retry_after ?? 60) };
}
