import type postgres from 'postgres';
import type { Sql } from './connect.js';

/**
 * Runs reads of the scan_answers view (db/views/scan_answers.sql: the log
 * and 13 left joins) with their joins planned in the order written.
 * Searching every join order cost 20–156 ms of planning per read on this
 * shared machine (EXPLAIN ANALYZE, 200k-row log) against 0.7–3.6 ms to run
 * the plan it found; in written order planning is ~2 ms with the same plan
 * (the log's index first, then one index lookup per joined table per row).
 * PostgreSQL still picks a generic plan per prepared statement where it is
 * as good (forcing one made the venue-wide page a 173 ms sort). The setting
 * is local to the transaction: no other statement of the pool sees it.
 */
export async function withCheapPlanning<T>(sql: Sql, read: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  // The settings and the read go out together (pipelined), one round trip.
  const [, result] = await sql.begin('read only', (tx) => [
    tx`select set_config('join_collapse_limit', '1', true)`,
    read(tx),
  ] as const);
  return result as T;
}
