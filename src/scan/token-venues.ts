import type { Sql } from '../db/connect.js';
import { findTokenVenue } from '../db/principals.js';

/** Tokens remembered per process; past this the map starts over (a token's venue never changes). */
const MAX_TOKENS = 10_000;

/**
 * Which venue a scanner's token belongs to, remembered per process. A signed
 * code names its key by kid, and kids are looked up within the scanner's
 * venue (a code of another venue must stay unknown to it), so the venue is
 * needed before the scan statement runs. A token's venue never changes;
 * whether the token may still scan is decided by the scan statement itself,
 * so a revoked token that is still remembered here admits nobody.
 */
export class TokenVenues {
  private readonly venues = new Map<string, string>();

  async venueOf(sql: Sql, token: string): Promise<string | undefined> {
    const known = this.venues.get(token);
    if (known) return known;
    const venueId = await findTokenVenue(sql, token);
    if (venueId) {
      if (this.venues.size >= MAX_TOKENS) this.venues.clear();
      this.venues.set(token, venueId);
    }
    return venueId;
  }
}
