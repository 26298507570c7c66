import type { KeyObject } from 'node:crypto';
import type { Sql } from '../db/connect.js';
import { findPublicKey } from '../db/keys.js';
import { parseCode, verifySignature, type ScanCode } from '../domain/signed-codes.js';


/**
 * Public keys by kid. A key never changes once made, so entries live for the
 * process; revocation is checked by the scan function itself, in SQL.
 * Unknown kids are not cached (a forger could fill the cache).
 */
export class PublicKeyCache {
  private readonly keys = new Map<string, { eventId: string; key: KeyObject }>();

  async get(sql: Sql, venueId: string, kid: number) {
    const id = `${venueId}/${kid}`;
    let entry = this.keys.get(id);
    if (!entry) {
      entry = await findPublicKey(sql, venueId, kid);
      if (entry) this.keys.set(id, entry);
    }
    return entry;
  }
}

/**
 * Parses and, for a signed code, verifies it with a key of the scanner's
 * venue. A kid the venue does not have is treated like any text it never
 * issued (unknown_code: a code of another venue must say nothing about it);
 * a kid it has whose signature fails is forged.
 */
export async function classifyCode(sql: Sql, keys: PublicKeyCache, venueId: string, text: string): Promise<ScanCode> {
  const parsed = parseCode(text);
  if (parsed.form === 'plain') return { form: 'plain' };
  if (parsed.form === 'malformed') return { form: 'forged' };
  const key = await keys.get(sql, venueId, parsed.claim.kid);
  if (!key) return { form: 'plain' };
  if (!verifySignature(parsed, key.key)) return { form: 'forged' };
  return { form: 'claim', claim: parsed.claim };
}
