import type { Sql } from '../db/connect.js';
import { findScanner, type Scanner } from '../db/scans.js';
import type { StaffRole } from '../domain/lists.js';

/** How long a token's scanner is remembered: a new gate or role shows within this. */
const REMEMBER_MS = 10_000;
/** Tokens remembered per process; past this the map starts over. */
const MAX_TOKENS = 10_000;

/**
 * Which scanner a bearer token names (its device or staff member, venue,
 * bound event, gate), remembered per process for a few seconds. The scan is
 * then one call with plain values: one round trip, and on Citus one hop to
 * the venue's worker. Remembering is safe: whether the token may still scan
 * is checked by redeem_scan itself, in the statement that decides, so a
 * device revoked a moment ago admits nobody (then it is forgotten here).
 */
export class ScannerCache {
  private readonly scanners = new Map<string, { scanner: Scanner; at: number }>();

  constructor(private readonly staffRoles: StaffRole[]) {}

  async scannerOf(sql: Sql, token: string): Promise<Scanner | undefined> {
    const known = this.scanners.get(token);
    if (known && Date.now() - known.at < REMEMBER_MS) return known.scanner;
    const scanner = await findScanner(sql, token, this.staffRoles);
    if (!scanner) {
      this.scanners.delete(token);
      return undefined;
    }
    if (this.scanners.size >= MAX_TOKENS) this.scanners.clear();
    this.scanners.set(token, { scanner, at: Date.now() });
    return scanner;
  }

  forget(token: string): void {
    this.scanners.delete(token);
  }
}
