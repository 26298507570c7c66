import postgres from 'postgres';

export type Sql = postgres.Sql;

/** How this process names its connections (pg_stat_activity, the pool metric). */
export const APPLICATION_NAME = `maguey-${process.pid}`;

/**
 * Opens a pool. Notices are dropped: they are not errors and would be logged
 * per query. A short connect timeout lets requests fail fast (503) while the
 * database is away; the pool reconnects by itself when it is back.
 *
 * The reconnect back-off is capped at 250 ms: the driver's default grows to
 * 20 s after a few failed attempts, so after a 3 s outage requests waited
 * 3–17.7 s and the live feed's listener stayed away 16.8 s. A connection
 * attempt on a refused port costs well under a millisecond.
 */
export function connect(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 8,
    connect_timeout: 2,
    backoff: (retries: number) => Math.min(0.01 * 2 ** retries, 0.25),
    onnotice: () => {},
    // bigint columns (money, counters) as numbers: every value we store is
    // checked far below 2^53, and JSON has no bigint.
    types: { int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) } },
    connection: { application_name: APPLICATION_NAME },
  });
}

/**
 * A statement not yet sent: awaiting it runs it. List reads return one so
 * src/db/explain.ts can show the plan of the very statement a route runs.
 */
export type PendingQuery<T extends readonly postgres.MaybeRow[]> = postgres.PendingQuery<T>;

/** A pool or an open transaction: anything a statement can run on. */
export type Queryable = Sql | postgres.TransactionSql;
