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
  private readonly keys = new Map<number, { eventId: string; key: KeyObject }>();

  async get(sql: Sql, kid: number) {
    let entry = this.keys.get(kid);
    if (!entry) {
      entry = await findPublicKey(sql, kid);
      if (entry) this.keys.set(kid, entry);
    }
    return entry;
  }
}

/** Parses and, for a signed code, verifies it: a signature that fails, or a key nobody has, is forged. */
export async function classifyCode(sql: Sql, keys: PublicKeyCache, text: string): Promise<ScanCode> {
  const parsed = parseCode(text);
  if (parsed.form === 'plain') return { form: 'plain' };
  if (parsed.form === 'malformed') return { form: 'forged' };
  const key = await keys.get(sql, parsed.claim.kid);
  if (!key || !verifySignature(parsed, key.key)) return { form: 'forged' };
  return { form: 'claim', claim: parsed.claim };
}
