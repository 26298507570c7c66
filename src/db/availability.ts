import type { Sql } from './connect.js';

/** Connection-level failures: the database is down, restarting or unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED',
    'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08006', '08001', '08004'].includes(code)) return true;
  return error instanceof AggregateError && error.errors.some(isDatabaseUnavailable);
}

/** How often a down database is asked whether it is back. */
const PROBE_MS = 200;

/**
 * Whether the database answers, as this process last saw it. A connection
 * failure marks it down; while down, requests are answered 503 at once
 * instead of queueing in the pool (after a 3 s outage they waited 3–17.7 s
 * there), and a probe asks every 200 ms; the first answer marks it up.
 */
export class DatabaseAvailability {
  private down = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly sql: Sql) {}

  get available(): boolean {
    return !this.down;
  }

  /** Call with any error a statement failed with; returns whether it means the database is away. */
  observe(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.down && !this.closed) {
      this.down = true;
      this.scheduleProbe();
    }
    return true;
  }

  private scheduleProbe(): void {
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      this.sql`select 1`.then(
        () => { this.down = false; },
        () => { if (!this.closed) this.scheduleProbe(); },
      );
    }, PROBE_MS);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
  }
}
