/**
 * Unknown and forged codes per scanner in a sliding minute. Guessing codes
 * means presenting many that do not exist, typed or not: the hand-typed
 * limit alone was skipped by leaving `manual` out. Valid codes are never
 * counted, so a camera at a busy door is never slowed by this.
 *
 * Kept in process memory, not PostgreSQL: the check runs before every scan
 * and the hot path stays one statement (DESIGN.md). A scanner keeps one
 * connection to one server process, and with N processes a guesser gets at
 * most N × the limit, still bounded.
 */
export class ScanFailureLimit {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Seconds until this scanner may scan again, or 0 when it may now. */
  retryAfterSeconds(scanner: string): number {
    const recent = this.recent(scanner);
    if (recent.length < this.perMinute) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.perMinute]! + 60_000 - this.now()) / 1000));
  }

  /** How many more unknown or forged codes this scanner may present before it is stopped. */
  allowance(scanner: string): number {
    return Math.max(0, this.perMinute - this.recent(scanner).length);
  }

  /** Counts one unknown or forged code presented by this scanner. */
  record(scanner: string): void {
    const recent = this.recent(scanner);
    recent.push(this.now());
    if (recent.length > this.perMinute) recent.splice(0, recent.length - this.perMinute);
    this.failures.set(scanner, recent);
    if (this.failures.size > 10_000) this.forgetIdle();
  }

  private recent(scanner: string): number[] {
    const since = this.now() - 60_000;
    return (this.failures.get(scanner) ?? []).filter((at) => at > since);
  }

  private forgetIdle(): void {
    for (const key of [...this.failures.keys()]) if (this.recent(key).length === 0) this.failures.delete(key);
  }
}

/** The answers that count: a code nobody issued, or one whose signature does not verify. */
export const COUNTED_REASONS: ReadonlySet<string> = new Set(['unknown_code', 'invalid_signature']);
